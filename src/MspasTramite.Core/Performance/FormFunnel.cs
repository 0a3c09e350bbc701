using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using MspasTramite.Core.Applications;
using MspasTramite.Core.Data;

namespace MspasTramite.Core.Performance;

/// Records how far drafts get in the multi-step form: the first time a step is shown and the first
/// time it is saved, nothing personal. Measuring must never cost the person their request, so
/// every failure here is logged and swallowed.
public sealed partial class FormFunnel(IServiceScopeFactory scopes, TimeProvider clock, ILogger<FormFunnel> logger)
{
    public static string StepCode(ApplicationStep step) => step switch
    {
        ApplicationStep.Applicant => "applicant",
        ApplicationStep.Establishment => "establishment",
        ApplicationStep.Professional => "professional",
        ApplicationStep.Fee => "category",
        ApplicationStep.Documents => "documents",
        _ => "review",
    };

    public Task ReachedAsync(Application application, ApplicationStep step, CancellationToken cancellationToken = default) =>
        RecordAsync(application, step, FormStepEventKind.Reached, cancellationToken);

    public Task SavedAsync(Application application, ApplicationStep step, CancellationToken cancellationToken = default) =>
        RecordAsync(application, step, FormStepEventKind.Saved, cancellationToken);

    private async Task RecordAsync(Application application, ApplicationStep step, FormStepEventKind kind, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(application);
        var code = StepCode(step);
        try
        {
            // A context of its own: a failed insert must not stay tracked in the page's context and
            // break the person's next save.
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            if (await db.FormStepEvents.AnyAsync(e => e.ApplicationId == application.Id && e.Step == code && e.Kind == kind, cancellationToken).ConfigureAwait(false))
            {
                return;
            }

            db.FormStepEvents.Add(new FormStepEvent
            {
                Id = Guid.CreateVersion7(),
                ApplicationId = application.Id,
                ProcedureId = application.ProcedureVersion.ProcedureId,
                Step = code,
                Kind = kind,
                At = clock.GetUtcNow(),
            });
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            // Two tabs recorded the same step at once: the other one's row counts.
        }
#pragma warning disable CA1031 // The funnel is a measurement: whatever fails here, the person's request goes on.
        catch (Exception e) when (e is not OperationCanceledException)
#pragma warning restore CA1031
        {
            LogNotRecorded(e, kind, code, application.Id);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Form funnel: {Kind} of step {Step} for application {ApplicationId} not recorded")]
    private partial void LogNotRecorded(Exception exception, FormStepEventKind kind, string step, Guid applicationId);
}
