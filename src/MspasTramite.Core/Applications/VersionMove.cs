using MspasTramite.Core.Procedures;
using MspasTramite.Core.Publishing;

namespace MspasTramite.Core.Applications;

/// A draft that moved to a newer version of its procedure and what the citizen has not yet read about
/// it: every change from the version they last acknowledged (Application.MovedFromVersionId) to the one
/// the draft is under now.
public sealed record VersionMove(ProcedureVersion From, ProcedureVersion To, IReadOnlyList<VersionChange> Changes)
{
    /// What the banner on the steps lists: who may apply, what to bring, what to pay, how long.
    public IReadOnlyList<VersionChange> AffectingApplicant { get; } = [.. Changes.Where(VersionChanges.AffectsApplicant)];
}

/// What moving a draft to the published version does to what the citizen already filled in. Kept apart
/// from ApplicationService so the rules read in one place and are tested without a database.
public static class DraftMove
{
    /// Points the draft at the new version and drops the answers that no longer mean anything there.
    /// Documents are filed under the requirement's Code, which is stable within a procedure: those of a
    /// requirement the new version still asks for stay attached as they are; those of a requirement it
    /// no longer asks for are kept (the citizen sees them apart on the documents step and may remove
    /// them), but the checklist never counts them. Nothing here deletes a document or a stored file.
    public static void Apply(Application application, ProcedureVersion to)
    {
        ArgumentNullException.ThrowIfNull(application);
        ArgumentNullException.ThrowIfNull(to);
        var from = application.ProcedureVersion;

        // The version the citizen last read about: a second move before they acknowledged the first
        // keeps the first one's origin, so the list they finally read covers everything since.
        application.MovedFromVersionId ??= from.Id;
        application.ProcedureVersionId = to.Id;
        application.ProcedureVersion = to;

        // A kind of applicant the procedure no longer accepts is asked again on the first step.
        if (application.ApplicantKind is { } kind && !to.Accepts(kind))
        {
            application.ApplicantKind = null;
        }

        // A category that disappeared is asked again, never kept silently (its fee is gone too).
        if (!to.HasCategories || to.Categories.All(c => c.Code != application.CategoryCode))
        {
            application.CategoryCode = null;
        }

        // Extras the new version does not offer cannot be charged. An extra it still offers keeps the
        // citizen's answer; if its question changed, the banner says so and the fee step shows it.
        application.ExtraFeeCodes = [.. application.ExtraFeeCodes.Where(code => to.ExtraFees.Any(e => e.Code == code))];
    }

    /// Documents on the draft that no requirement of its version asks of this applicant now.
    public static IReadOnlyList<ApplicationDocument> NoLongerAsked(Application application)
    {
        ArgumentNullException.ThrowIfNull(application);
        var asked = application.ProcedureVersion.RequirementsFor(application.ApplicantKind).Select(r => r.Code).ToHashSet(StringComparer.Ordinal);
        return [.. application.CurrentDocuments.Where(d => !asked.Contains(d.RequirementCode)).OrderBy(d => d.UploadedAt)];
    }
}
