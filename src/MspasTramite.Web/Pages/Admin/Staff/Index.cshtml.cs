using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using MspasTramite.Core.Data;

namespace MspasTramite.Web.Pages.Admin.Staff;

public sealed class IndexModel(AppDbContext db) : PageModel
{
    public sealed record StaffRow(string FullName, string Email, IReadOnlyList<string> Roles, bool Active);

    public IReadOnlyList<StaffRow> Staff { get; private set; } = [];

    public async Task OnGetAsync()
    {
        var rows = await (
            from u in db.Users
            where u.IsStaff
            orderby u.FullName
            select new
            {
                u.FullName,
                u.Email,
                u.EmailConfirmed,
                Roles = (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id where ur.UserId == u.Id select r.Name).ToList(),
            }).Take(500).ToListAsync();
        Staff = [.. rows.Select(r => new StaffRow(r.FullName, r.Email ?? "", [.. r.Roles.OfType<string>()], r.EmailConfirmed))];
    }
}
