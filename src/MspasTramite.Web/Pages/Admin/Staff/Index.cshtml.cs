using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using MspasTramite.Core.Data;

namespace MspasTramite.Web.Pages.Admin.Staff;

public sealed class IndexModel(AppDbContext db) : PageModel
{
    public sealed record StaffRow(string Id, string FullName, string Email, IReadOnlyList<string> Roles, bool Active, bool Disabled);

    public IReadOnlyList<StaffRow> Staff { get; private set; } = [];

    public async Task OnGetAsync()
    {
        var rows = await (
            from u in db.Users
            where u.IsStaff
            orderby u.FullName
            select new
            {
                u.Id,
                u.FullName,
                u.DisabledAt,
                u.Email,
                u.EmailConfirmed,
                Roles = (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id where ur.UserId == u.Id select r.Name).ToList(),
            }).Take(500).ToListAsync();
        Staff = [.. rows.Select(r => new StaffRow(r.Id, r.FullName, r.Email ?? "", [.. r.Roles.OfType<string>()], r.EmailConfirmed, r.DisabledAt != null))];
    }
}
