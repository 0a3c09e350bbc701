// PLACEHOLDER: replaced by the resolutions branch.
using MspasTramite.Core.Applications;
using MspasTramite.Core.Identity;

namespace MspasTramite.Core.Review;

public sealed class ResolutionService
{
    public Task<Resolution> IssueAsync(Application application, ApplicationUser applicant, ResolutionKind kind, string issuedById, string signedBy, string? grounds, DateTimeOffset now, CancellationToken cancellationToken) =>
        throw new NotImplementedException();
}
