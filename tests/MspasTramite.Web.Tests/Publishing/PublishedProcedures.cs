using Microsoft.Extensions.DependencyInjection;
using MspasTramite.Core.Procedures;
using MspasTramite.Core.Publishing;

namespace MspasTramite.Web.Tests.Publishing;

/// A procedure of the test's own (a fresh slug), so publishing it never changes what other tests see
/// of the seeded catalogue.
internal static class PublishedProcedures
{
    public const string ActorId = "test-product-manager";

    /// Everything a draft needs to be publishable.
    public static void MakePublishable(ProcedureVersion v)
    {
        v.Summary = "Autoriza el funcionamiento de un establecimiento de prueba.";
        v.Description = "Descripción del trámite de prueba.";
        v.LegalBasis = "Código de Salud, Decreto 90-97";
        v.OutputDocument = "Licencia sanitaria";
        v.LegalTimeDays = 30;
        v.LegalTimeUnit = LegalTimeUnit.WorkingDays;
        v.FixedFee = 100m;
        v.Requirements = [new() { Code = "formulario", Name = "Formulario de solicitud", Description = "Lleno y firmado.", LegalBasis = "Acuerdo Gubernativo 969-99" }];
        v.Steps = ["Recepción en línea", "Revisión", "Emisión de la licencia"];
    }

    /// Creates a procedure and publishes its version 1; returns its id and slug.
    public static async Task<(Guid ProcedureId, string Slug)> CreateAsync(IServiceProvider services, Action<ProcedureVersion>? fill = null)
    {
        var slug = "prueba-" + Guid.NewGuid().ToString("N")[..12];
        await using var scope = services.CreateAsyncScope();
        var publishing = scope.ServiceProvider.GetRequiredService<ProcedurePublishing>();
        var created = await publishing.CreateProcedureAsync("Licencia de prueba " + slug, slug, Department.DRCA, ActorId);
        Assert.True(created.Succeeded, string.Join(" ", created.Errors.Select(e => e.Message)));
        var draft = created.Version!;
        var saved = await publishing.SaveDraftAsync(draft.Id, draft.ConcurrencyStamp, "test", v => { MakePublishable(v); fill?.Invoke(v); }, ActorId);
        Assert.True(saved.Succeeded, string.Join(" ", saved.Errors.Select(e => e.Message)));
        var published = await publishing.PublishAsync(draft.Id, saved.Version!.ConcurrencyStamp, "Primera publicación en línea.", ActorId);
        Assert.True(published.Succeeded, string.Join(" ", published.Errors.Select(e => e.Message)));
        return (draft.ProcedureId, slug);
    }

    /// Starts a draft from the published version, applies the edit and publishes it with the reason.
    public static async Task<ProcedureVersion> PublishNewVersionAsync(IServiceProvider services, Guid procedureId, Action<ProcedureVersion> edit, string reason)
    {
        await using var scope = services.CreateAsyncScope();
        var publishing = scope.ServiceProvider.GetRequiredService<ProcedurePublishing>();
        var started = await publishing.StartDraftAsync(procedureId, ActorId);
        Assert.True(started.Succeeded, string.Join(" ", started.Errors.Select(e => e.Message)));
        var saved = await publishing.SaveDraftAsync(started.Version!.Id, started.Version.ConcurrencyStamp, "test", edit, ActorId);
        Assert.True(saved.Succeeded, string.Join(" ", saved.Errors.Select(e => e.Message)));
        var published = await publishing.PublishAsync(started.Version.Id, saved.Version!.ConcurrencyStamp, reason, ActorId);
        Assert.True(published.Succeeded, string.Join(" ", published.Errors.Select(e => e.Message)));
        return published.Version!;
    }

    /// Creates a procedure that was never published: only its empty first draft. Returns its id.
    public static async Task<Guid> CreateUnpublishedAsync(IServiceProvider services)
    {
        var slug = "borrador-" + Guid.NewGuid().ToString("N")[..12];
        await using var scope = services.CreateAsyncScope();
        var created = await scope.ServiceProvider.GetRequiredService<ProcedurePublishing>().CreateProcedureAsync("Trámite sin publicar " + slug, slug, Department.DRCA, ActorId);
        Assert.True(created.Succeeded, string.Join(" ", created.Errors.Select(e => e.Message)));
        return created.Version!.ProcedureId;
    }

    /// Starts a draft from the published version and applies the edit, without publishing it.
    public static async Task<ProcedureVersion> StartDraftAsync(IServiceProvider services, Guid procedureId, Action<ProcedureVersion>? edit = null)
    {
        await using var scope = services.CreateAsyncScope();
        var publishing = scope.ServiceProvider.GetRequiredService<ProcedurePublishing>();
        var started = await publishing.StartDraftAsync(procedureId, ActorId);
        Assert.True(started.Succeeded, string.Join(" ", started.Errors.Select(e => e.Message)));
        if (edit is null)
        {
            return started.Version!;
        }

        var saved = await publishing.SaveDraftAsync(started.Version!.Id, started.Version.ConcurrencyStamp, "test", edit, ActorId);
        Assert.True(saved.Succeeded, string.Join(" ", saved.Errors.Select(e => e.Message)));
        return saved.Version!;
    }

    /// Edits the draft as another person would, in between a page's read and its post.
    public static async Task<ProcedureVersion> EditDraftAsync(IServiceProvider services, ProcedureVersion draft, Action<ProcedureVersion> edit)
    {
        await using var scope = services.CreateAsyncScope();
        var publishing = scope.ServiceProvider.GetRequiredService<ProcedurePublishing>();
        var current = await publishing.FindDraftAsync(draft.ProcedureId);
        var saved = await publishing.SaveDraftAsync(current!.Id, current.ConcurrencyStamp, "test", edit, ActorId);
        Assert.True(saved.Succeeded, string.Join(" ", saved.Errors.Select(e => e.Message)));
        return saved.Version!;
    }
}
