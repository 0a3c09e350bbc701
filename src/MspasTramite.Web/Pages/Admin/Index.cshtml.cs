using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using MspasTramite.Core.Data;
using MspasTramite.Core.Notifications;

namespace MspasTramite.Web.Pages.Admin;

public sealed class IndexModel(AppDbContext db) : PageModel
{
    public int Pending { get; private set; }
    public int Sent { get; private set; }
    public int Failed { get; private set; }

    public async Task OnGetAsync()
    {
        var counts = await db.OutboxMessages.GroupBy(m => m.Status)
            .Select(g => new { Status = g.Key, Count = g.Count() })
            .ToDictionaryAsync(x => x.Status, x => x.Count);
        Pending = counts.GetValueOrDefault(OutboxStatus.Pending);
        Sent = counts.GetValueOrDefault(OutboxStatus.Sent);
        Failed = counts.GetValueOrDefault(OutboxStatus.Failed);
    }
}
