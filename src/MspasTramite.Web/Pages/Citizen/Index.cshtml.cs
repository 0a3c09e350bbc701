using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using MspasTramite.Core.Data;
using MspasTramite.Core.Identity;

namespace MspasTramite.Web.Pages.Citizen;

public sealed class IndexModel(UserManager<ApplicationUser> users, AppDbContext db) : PageModel
{
    public sealed record Row(Guid Id, string? FileNumber, string Procedure, string Status, DateTimeOffset UpdatedAt, decimal? Fee);

    public string FullName { get; private set; } = "";

    public IReadOnlyList<Row> Drafts { get; private set; } = [];

    public IReadOnlyList<Row> Submitted { get; private set; } = [];

    /// Drafts withdrawn before submission: read-only, so nothing a person started ever vanishes.
    public IReadOnlyList<Row> WithdrawnDrafts { get; private set; } = [];

    public async Task OnGetAsync()
    {
        var user = await users.GetUserAsync(User);
        FullName = user?.FullName ?? "";
        var rows = await db.Applications.AsNoTracking()
            .Where(a => a.ApplicantId == user!.Id)
            .OrderByDescending(a => a.UpdatedAt)
            .Select(a => new Row(a.Id, a.FileNumber, a.ProcedureVersion.Name, a.Status, a.UpdatedAt, a.FeeAmount))
            .Take(200)
            .ToListAsync();
        Drafts = [.. rows.Where(r => r.FileNumber is null && r.Status == Core.Applications.ApplicationStatus.Draft)];
        Submitted = [.. rows.Where(r => r.FileNumber is not null)];
        WithdrawnDrafts = [.. rows.Where(r => r.FileNumber is null && r.Status != Core.Applications.ApplicationStatus.Draft)];
    }
}
