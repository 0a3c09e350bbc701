using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using MspasTramite.Core.Performance;

namespace MspasTramite.Web.Pages.Performance;

/// /desempeno: how the service performs, per procedure and month, for anyone.
[AllowAnonymous]
public sealed class IndexModel(PublicPerformance performance) : PageModel
{
    public PublicReport Report { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken cancellationToken) => Report = await performance.LoadAsync(cancellationToken);
}
