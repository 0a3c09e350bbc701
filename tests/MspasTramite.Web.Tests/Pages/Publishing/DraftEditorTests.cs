using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MspasTramite.Core.Identity;
using MspasTramite.Core.Procedures;
using MspasTramite.Core.Publishing;
using MspasTramite.Web.Tests.Publishing;
using MspasTramite.Web.Tests.TestKit;

namespace MspasTramite.Web.Tests.Pages.Publishing;

[Collection(SqliteApp.Name)]
public sealed class DraftEditorTests_Sqlite(SqliteAppFactory app) : DraftEditorTests<SqliteAppFactory>(app);

[Collection(PostgresApp.Name)]
public sealed class DraftEditorTests_Postgres(PostgresAppFactory app) : DraftEditorTests<PostgresAppFactory>(app);

/// /admin/tramites/{id}/borrador and its sections: the product manager edits a draft section by
/// section, each save guarded by the draft's stamp; analysts and heads of section read it. Each test
/// works on a procedure of its own (PublishedProcedures), so none sees another's draft.
public abstract class DraftEditorTests<TFactory>(TFactory app) where TFactory : MspasAppFactory
{
    private const string ConflictMessage = "Otra persona guardó este borrador mientras usted lo editaba. Sus cambios no se guardaron: revise la versión actual y vuelva a escribirlos.";

    [Fact]
    public async Task Get_WhenAnonymous_RedirectsToSignIn()
    {
        var procedureId = await DraftAsync();
        using var browser = app.CreateSession();

        using var response = await browser.GetAsync($"/admin/tramites/{procedureId}/borrador/general");

        PageAssert.RedirectsToSignIn(response);
    }

    [Fact]
    public async Task Get_AsCitizen_IsDenied()
    {
        var procedureId = await DraftAsync();
        using var citizen = await app.SignedInSessionAsync(await app.CreateAccountAsync(Roles.Solicitante));

        using var response = await citizen.GetAsync($"/admin/tramites/{procedureId}/borrador");

        PageAssert.IsDenied(response);
    }

    [Fact]
    public async Task GetIndex_ListsEverySectionAndTheProblemsEachLinkingToItsSection()
    {
        var procedureId = await DraftAsync(v => v.Requirements.Add(new() { Code = "plano", Name = "Plano del local", LegalBasis = "" }));
        using var admin = await SignedInAdminAsync();

        var page = await admin.GetPageAsync($"/admin/tramites/{procedureId}/borrador");

        Assert.Equal("Borrador de la versión 2", page.Title);
        Assert.Equal($"/admin/tramites/{procedureId}", page.Document.QuerySelector("main nav a")?.GetAttribute("href"));
        Assert.Equal("Volver al trámite", page.Document.QuerySelector("main nav a")?.TextContent);
        var sections = page.Document.QuerySelectorAll("main dl.summary-list dt a").Select(a => (a.TextContent, a.GetAttribute("href"))).ToList();
        Assert.Equal(
            [
                ("Datos generales", $"/admin/tramites/{procedureId}/borrador/general"),
                ("Requisitos", $"/admin/tramites/{procedureId}/borrador/requisitos"),
                ("Tarifa", $"/admin/tramites/{procedureId}/borrador/tarifa"),
                ("Plazo, pasos y resultado", $"/admin/tramites/{procedureId}/borrador/plazo-y-pasos"),
                ("Cómo simplificamos", $"/admin/tramites/{procedureId}/borrador/simplificacion"),
                ("Resúmenes en idiomas mayas", $"/admin/tramites/{procedureId}/borrador/idiomas"),
            ],
            sections);
        Assert.Contains("2 requisitos", page.Text, StringComparison.Ordinal);
        Assert.Contains("Tarifa fija de Q100.00", page.Text, StringComparison.Ordinal);
        var problem = Assert.Single(page.Document.QuerySelectorAll(".draft-problems a"));
        Assert.Equal("El requisito «Plano del local» no tiene base legal: el Decreto 5-2021 no permite pedir requisitos sin ella.", problem.TextContent);
        Assert.Equal($"/admin/tramites/{procedureId}/borrador/requisitos", problem.GetAttribute("href"));
    }

    [Fact]
    public async Task Get_WhenNoDraftOrNoProcedure_Returns404()
    {
        var (published, _) = await PublishedProcedures.CreateAsync(app.Services);
        using var admin = await SignedInAdminAsync();

        foreach (var path in (string[])[$"/admin/tramites/{published}/borrador", $"/admin/tramites/{published}/borrador/general", $"/admin/tramites/{Guid.NewGuid()}/borrador/requisitos"])
        {
            using var response = await admin.GetAsync(path);
            await PageAssert.IsNotFoundAsync(response);
        }
    }

    [Theory]
    [InlineData("/borrador/nada")]
    [InlineData("/borrador/requisitos/3")]
    public async Task Get_UnknownSection_Returns404(string tail)
    {
        var procedureId = await DraftAsync();
        using var admin = await SignedInAdminAsync();

        using var response = await admin.GetAsync($"/admin/tramites/{procedureId}{tail}");

        await PageAssert.IsNotFoundAsync(response);
    }

    [Fact]
    public async Task Get_BadProcedureId_Returns404()
    {
        using var admin = await SignedInAdminAsync();

        using var response = await admin.GetAsync("/admin/tramites/no-es-un-id/borrador/general");

        await PageAssert.IsNotFoundAsync(response);
    }

    [Fact]
    public async Task PostGeneral_WhenValid_SavesRedirectsWithNoticeAndShowsReadability()
    {
        var procedureId = await DraftAsync();
        using var admin = await SignedInAdminAsync();
        var description = "La licencia sanitaria autoriza a un establecimiento a funcionar. Usted la pide en línea. Adjunte sus documentos y pague la tarifa. Le avisamos por correo cuando esté lista.";

        using var response = await admin.SubmitAsync(SectionPath(procedureId, "general"), new Dictionary<string, string?>
        {
            ["Input.Name"] = "Licencia sanitaria renovada",
            ["Input.Summary"] = "Autoriza el funcionamiento del establecimiento.",
            ["Input.WhoMayApply"] = nameof(WhoMayApply.CompaniesOnly),
            ["Input.Description"] = description,
            ["Input.Faq"] = "## ¿Cuánto tarda?\n\nTreinta días hábiles.",
        });

        Assert.Equal(SectionPath(procedureId, "general"), response.Headers.Location!.PathAndQueryOf());
        var page = await admin.FollowAsync(response);
        Assert.Equal("Cambios guardados", page.Notice);
        Assert.Equal("Licencia sanitaria renovada", page.InputValue("Input.Name"));
        Assert.Contains("Legibilidad:", page.Document.QuerySelectorAll(".readability").Skip(1).First().TextContent, StringComparison.Ordinal);
        var draft = await DraftOfAsync(procedureId);
        Assert.Equal("Licencia sanitaria renovada", draft.Name);
        Assert.Equal(WhoMayApply.CompaniesOnly, draft.WhoMayApply);
        Assert.Equal(description, draft.Description);
        Assert.Equal("## ¿Cuánto tarda?\n\nTreinta días hábiles.", draft.Faq);
        Assert.True(await app.WithDbAsync(db => db.ProcedureAuditEntries.AnyAsync(e => e.ProcedureId == procedureId && e.Action == ProcedureAuditAction.DraftEdited && e.Section == "general")));
    }

    [Fact]
    public async Task Get_HardText_SaysItIsHardToRead()
    {
        var procedureId = await DraftAsync(v => v.Description = "La presentación de la documentación correspondiente, debidamente autenticada por profesional colegiado activo, constituye requisito indispensable para la consideración administrativa de la solicitud, conforme a la normativa sanitaria vigente y sus disposiciones reglamentarias complementarias.");
        using var admin = await SignedInAdminAsync();

        var page = await admin.GetPageAsync(SectionPath(procedureId, "general"));

        var description = page.Document.QuerySelectorAll(".readability")[1].TextContent;
        Assert.Contains("muy difícil", description, StringComparison.Ordinal);
        Assert.Contains("Este texto es difícil de leer: use frases más cortas y palabras más sencillas.", description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_EachLongText_IsDescribedByItsOwnReadabilityLine()
    {
        var procedureId = await DraftAsync();
        using var admin = await SignedInAdminAsync();

        foreach (var (section, field) in new[] { ("general", "Input.Summary"), ("general", "Input.Description"), ("general", "Input.Faq"), ("requisitos", "Input.Requirements[0].Description") })
        {
            var page = await admin.GetPageAsync(SectionPath(procedureId, section));
            var textarea = page.Document.QuerySelector($"textarea[name='{field}']")!;
            var described = textarea.GetAttribute("aria-describedby")!.Split(' ');
            var line = page.Document.GetElementById(described.Single(id => id.EndsWith("-legibilidad", StringComparison.Ordinal)))!;
            Assert.Contains("readability", line.ClassList);
            Assert.StartsWith("Legibilidad:", line.TextContent.Trim(), StringComparison.Ordinal);
            Assert.Contains(textarea.Id + "-hint", described);
        }
    }

    [Fact]
    public async Task PostGeneral_WithTheStampOfAnOlderRead_ShowsTheConflictKeepsWhatWasTypedAndChangesNothing()
    {
        var procedureId = await DraftAsync();
        using var first = await SignedInAdminAsync();
        using var second = await SignedInAdminAsync();
        var secondsPage = await second.GetPageAsync(SectionPath(procedureId, "general"));
        using var saved = await first.SubmitAsync(SectionPath(procedureId, "general"), new Dictionary<string, string?> { ["Input.Name"] = "Nombre del primer editor" });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        using var response = await second.SubmitAsync(secondsPage, new Dictionary<string, string?>
        {
            ["Input.Name"] = "Nombre del segundo editor",
            ["Input.Summary"] = "Resumen que escribió el segundo.",
        });

        var page = await response.ReadPageAsync();
        FormAssert.HasSummaryError(page, ConflictMessage);
        Assert.Equal("Nombre del segundo editor", page.InputValue("Input.Name"));
        Assert.Equal("Resumen que escribió el segundo.", page.Document.QuerySelector<IHtmlTextAreaElement>("textarea[name='Input.Summary']")?.Value);
        Assert.NotNull(page.Document.QuerySelector($"main a[href='{SectionPath(procedureId, "general")}']"));
        var draft = await DraftOfAsync(procedureId);
        Assert.Equal("Nombre del primer editor", draft.Name);
        Assert.NotEqual("Resumen que escribió el segundo.", draft.Summary);
    }

    [Fact]
    public async Task PostGeneral_WhenNameMissingOrTooLong_ShowsErrorKeepsInputAndChangesNothing()
    {
        var procedureId = await DraftAsync();
        var before = await DraftOfAsync(procedureId);
        using var admin = await SignedInAdminAsync();

        foreach (var (name, message) in new[] { ("", "Escriba el nombre del trámite."), (new string('x', 301), "El nombre puede tener hasta 300 caracteres.") })
        {
            using var response = await admin.SubmitAsync(SectionPath(procedureId, "general"), new Dictionary<string, string?>
            {
                ["Input.Name"] = name,
                ["Input.Summary"] = "Resumen que no se pierde.",
                ["Input.Description"] = new string('y', 20001),
            });

            var page = await response.ReadPageAsync();
            FormAssert.HasFieldError(page, "Input_Name", message);
            FormAssert.HasFieldError(page, "Input_Description", "La descripción puede tener hasta 20000 caracteres.");
            Assert.Equal("Resumen que no se pierde.", page.Document.QuerySelector<IHtmlTextAreaElement>("textarea[name='Input.Summary']")?.Value);
        }

        Assert.Equal(before.ConcurrencyStamp, (await DraftOfAsync(procedureId)).ConcurrencyStamp);
    }

    [Fact]
    public async Task PostRequirements_WithoutLegalBasis_IsRefusedWithTheMessageAndKeepsWhatWasTyped()
    {
        var procedureId = await DraftAsync();
        using var admin = await SignedInAdminAsync();
        var page = await admin.GetPageAsync(SectionPath(procedureId, "requisitos"));

        using var response = await admin.SubmitAsync(page, new Dictionary<string, string?>
        {
            ["Input.Requirements[0].Name"] = "Formulario firmado",
            ["Input.Requirements[0].Description"] = "Con la firma del propietario.",
            ["Input.Requirements[0].LegalBasis"] = "   ",
            ["Input.Requirements[0].MaxFiles"] = "2",
        });

        var refused = await response.ReadPageAsync();
        FormAssert.HasFieldError(refused, "Input_Requirements_0__LegalBasis", "Escriba la base legal del requisito «Formulario firmado»: el Decreto 5-2021 no permite pedir requisitos sin ella.");
        Assert.Equal("Formulario firmado", refused.InputValue("Input.Requirements[0].Name"));
        Assert.Equal("2", refused.InputValue("Input.Requirements[0].MaxFiles"));
        Assert.Equal("Con la firma del propietario.", refused.Document.QuerySelector<IHtmlTextAreaElement>("textarea[name='Input.Requirements[0].Description']")?.Value);
        var requirement = Assert.Single((await DraftOfAsync(procedureId)).Requirements);
        Assert.Equal("Acuerdo Gubernativo 969-99", requirement.LegalBasis);
        Assert.Equal("Formulario de solicitud", requirement.Name);
    }

    [Theory]
    [InlineData("0", "Escriba cuántos archivos admite, de 1 a 10.")]
    [InlineData("11", "Escriba cuántos archivos admite, de 1 a 10.")]
    [InlineData("muchos", "El valor «muchos» no es válido.")]
    public async Task PostRequirements_WhenMaxFilesOutOfRange_ShowsError(string maxFiles, string message)
    {
        var procedureId = await DraftAsync();
        using var admin = await SignedInAdminAsync();

        using var response = await admin.SubmitAsync(SectionPath(procedureId, "requisitos"), new Dictionary<string, string?> { ["Input.Requirements[0].MaxFiles"] = maxFiles });

        FormAssert.HasFieldError(await response.ReadPageAsync(), "Input_Requirements_0__MaxFiles", message);
    }

    [Fact]
    public async Task PostRequirements_AddFillMoveAndRemove_EachStepSavesButAdd_AndCodesAreKept()
    {
        var procedureId = await DraftAsync();
        using var admin = await SignedInAdminAsync();
        var path = SectionPath(procedureId, "requisitos");

        // Add: an empty row to fill in, nothing saved yet.
        using var added = await admin.SubmitAsync(path, new Dictionary<string, string?> { ["ListAction"] = "add:Requirements" });
        var withRow = await added.ReadPageAsync();
        Assert.Equal("Se agregó una fila vacía al final. Complétela y guarde los cambios: aún no está guardada.", withRow.Document.QuerySelector("main p.notice[role=status]")?.TextContent);
        Assert.True(withRow.HasInput("Input.Requirements[1].Name"));
        Assert.Single((await DraftOfAsync(procedureId)).Requirements);

        using var saved = await admin.SubmitAsync(withRow, new Dictionary<string, string?>
        {
            ["Input.Requirements[1].Name"] = "Patente de Comercio (copia)",
            ["Input.Requirements[1].LegalBasis"] = "Código de Comercio, art. 334",
            ["Input.Requirements[1].Reusable"] = "true",
        });
        Assert.Equal(path, saved.Headers.Location!.PathAndQueryOf());
        var afterSave = await admin.FollowAsync(saved);
        Assert.Equal(["formulario", "patente-de-comercio-copia"], (await DraftOfAsync(procedureId)).Requirements.Select(r => r.Code));
        Assert.True((await DraftOfAsync(procedureId)).Requirements[1].Reusable);
        Assert.True((await DraftOfAsync(procedureId)).Requirements[1].Required);

        // Each row's buttons say which requirement they act on.
        var buttons = afterSave.Document.QuerySelectorAll("main form button[name=ListAction]").Select(b => b.TextContent.Trim()).ToList();
        Assert.Equal(["Bajar requisito «Formulario de solicitud»", "Quitar requisito «Formulario de solicitud»", "Subir requisito «Patente de Comercio (copia)»", "Quitar requisito «Patente de Comercio (copia)»", "Agregar requisito"], buttons);

        using var moved = await admin.SubmitAsync(afterSave, new Dictionary<string, string?> { ["ListAction"] = "up:Requirements:1" });
        Assert.Equal(path, moved.Headers.Location!.PathAndQueryOf());
        var afterMove = await admin.FollowAsync(moved);
        Assert.Equal(["patente-de-comercio-copia", "formulario"], (await DraftOfAsync(procedureId)).Requirements.Select(r => r.Code));
        Assert.Equal("Patente de Comercio (copia)", afterMove.InputValue("Input.Requirements[0].Name"));

        using var removed = await admin.SubmitAsync(afterMove, new Dictionary<string, string?> { ["ListAction"] = "remove:Requirements:0" });
        Assert.Equal(path, removed.Headers.Location!.PathAndQueryOf());
        var requirement = Assert.Single((await DraftOfAsync(procedureId)).Requirements);
        Assert.Equal("formulario", requirement.Code);
        Assert.Equal("Formulario de solicitud", requirement.Name);
    }

    [Fact]
    public async Task PostRequirements_NewOneNamedLikeAnother_GetsItsOwnCode()
    {
        var procedureId = await DraftAsync(v => v.Requirements[0].Code = "formulario-de-solicitud");
        using var admin = await SignedInAdminAsync();
        var page = await (await admin.SubmitAsync(SectionPath(procedureId, "requisitos"), new Dictionary<string, string?> { ["ListAction"] = "add:Requirements" })).ReadPageAsync();

        using var saved = await admin.SubmitAsync(page, new Dictionary<string, string?>
        {
            ["Input.Requirements[1].Name"] = "Formulario de solicitud",
            ["Input.Requirements[1].LegalBasis"] = "Acuerdo Gubernativo 969-99",
        });

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal(["formulario-de-solicitud", "formulario-de-solicitud-2"], (await DraftOfAsync(procedureId)).Requirements.Select(r => r.Code));
    }

    [Theory]
    [InlineData("remove:Requirements:7")]
    [InlineData("up:Requirements:0")]
    [InlineData("down:Requirements:0")]
    [InlineData("remove:Steps:0")]
    [InlineData("remove:Requirements:-1")]
    [InlineData("remove:Requirements:99999999999999999999")]
    [InlineData("borrar")]
    [InlineData("add")]
    public async Task PostRequirements_ListActionForNoSuchRow_SaysSoAndChangesNothing(string action)
    {
        var procedureId = await DraftAsync();
        var before = await DraftOfAsync(procedureId);
        using var admin = await SignedInAdminAsync();

        using var response = await admin.SubmitAsync(SectionPath(procedureId, "requisitos"), new Dictionary<string, string?> { ["ListAction"] = action });

        var page = await response.ReadPageAsync();
        FormAssert.HasSummaryError(page, "Ese elemento ya no está en la lista. Revise la lista y vuelva a intentarlo.");
        Assert.Equal(before.ConcurrencyStamp, (await DraftOfAsync(procedureId)).ConcurrencyStamp);
    }

    [Fact]
    public async Task PostWithoutStamp_IsAConflict()
    {
        var procedureId = await DraftAsync();
        using var admin = await SignedInAdminAsync();

        using var response = await admin.SubmitAsync(SectionPath(procedureId, "general"), new Dictionary<string, string?> { ["Stamp"] = null, ["Input.Name"] = "Sin sello" });

        FormAssert.HasSummaryError(await response.ReadPageAsync(), ConflictMessage);
        Assert.NotEqual("Sin sello", (await DraftOfAsync(procedureId)).Name);
    }

    [Fact]
    public async Task Post_AfterTheDraftWasPublished_SaysSoAndSavesNothing()
    {
        var procedureId = await DraftAsync();
        using var admin = await SignedInAdminAsync();
        var page = await admin.GetPageAsync(SectionPath(procedureId, "general"));
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var publishing = scope.ServiceProvider.GetRequiredService<ProcedurePublishing>();
            var draft = (await publishing.FindDraftAsync(procedureId))!;
            Assert.True((await publishing.PublishAsync(draft.Id, draft.ConcurrencyStamp, "Se publica mientras otro edita.", PublishedProcedures.ActorId)).Succeeded);
        }

        using var response = await admin.SubmitAsync(page, new Dictionary<string, string?> { ["Input.Name"] = "Demasiado tarde" });

        Assert.Equal("/admin/tramites", response.RedirectPath());
        var catalogue = await admin.FollowAsync(response);
        Assert.Equal("Esta versión ya no es un borrador: fue publicada o descartada. Abra la versión actual del trámite.", catalogue.Document.QuerySelector("main .warning")?.TextContent);
        Assert.False(await app.WithDbAsync(db => db.ProcedureVersions.AnyAsync(v => v.ProcedureId == procedureId && v.Name == "Demasiado tarde")));
    }

    [Fact]
    public async Task PostFee_FixedFeeAndCategories_IsRefused_CategoriesAloneAreSaved()
    {
        var procedureId = await DraftAsync();
        using var admin = await SignedInAdminAsync();
        var page = await (await admin.SubmitAsync(SectionPath(procedureId, "tarifa"), new Dictionary<string, string?> { ["ListAction"] = "add:Categories" })).ReadPageAsync();
        var category = new Dictionary<string, string?>
        {
            ["Input.Categories[0].Name"] = "Categoría A: hospitales",
            ["Input.Categories[0].Amount"] = "5400.00",
        };

        using var refused = await admin.SubmitAsync(page, category);

        var refusedPage = await refused.ReadPageAsync();
        FormAssert.HasFieldError(refusedPage, "Input_FixedFee", "Indique una tarifa fija o tarifas por categoría, no ambas: borre la tarifa fija o quite las categorías.");
        Assert.Equal("5400.00", refusedPage.InputValue("Input.Categories[0].Amount"));

        using var saved = await admin.SubmitAsync(refusedPage, new Dictionary<string, string?>(category) { ["Input.FixedFee"] = "" });

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var draft = await DraftOfAsync(procedureId);
        Assert.Null(draft.FixedFee);
        var stored = Assert.Single(draft.Categories);
        Assert.Equal(("categoria-a-hospitales", "Categoría A: hospitales", 5400m), (stored.Code, stored.Name, stored.Amount));
    }

    [Fact]
    public async Task PostFee_Uncertain_NeedsItsNote()
    {
        var procedureId = await DraftAsync();
        using var admin = await SignedInAdminAsync();

        using var refused = await admin.SubmitAsync(SectionPath(procedureId, "tarifa"), new Dictionary<string, string?> { ["Input.FeeUncertain"] = "true" });
        FormAssert.HasFieldError(await refused.ReadPageAsync(), "Input_FeeNote", "Explique por qué la tarifa está por confirmar: el ciudadano lo lee en la ficha.");

        using var saved = await admin.SubmitAsync(SectionPath(procedureId, "tarifa"), new Dictionary<string, string?> { ["Input.FeeUncertain"] = "true", ["Input.FeeNote"] = "El departamento revisa el arancel." });

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var draft = await DraftOfAsync(procedureId);
        Assert.True(draft.FeeUncertain);
        Assert.Equal("El departamento revisa el arancel.", draft.FeeNote);
    }

    [Fact]
    public async Task PostTimeAndSteps_SavesTheLegalTimeAndTheReorderedSteps()
    {
        var procedureId = await DraftAsync();
        using var admin = await SignedInAdminAsync();
        var path = SectionPath(procedureId, "plazo-y-pasos");

        using var moved = await admin.SubmitAsync(path, new Dictionary<string, string?>
        {
            ["Input.LegalTimeDays"] = "20",
            ["Input.LegalTimeUnit"] = nameof(LegalTimeUnit.CalendarDays),
            ["Input.Steps[2]"] = "Emisión y envío de la licencia",
            ["Input.RequiresInspection"] = "true",
            ["ListAction"] = "down:Steps:0",
        });

        Assert.Equal(path, moved.Headers.Location!.PathAndQueryOf());
        var draft = await DraftOfAsync(procedureId);
        Assert.Equal((20, LegalTimeUnit.CalendarDays, true), (draft.LegalTimeDays, draft.LegalTimeUnit, draft.RequiresInspection));
        Assert.Equal(["Revisión", "Recepción en línea", "Emisión y envío de la licencia"], draft.Steps);
    }

    [Fact]
    public async Task PostTimeAndSteps_EmptyStep_IsRefused()
    {
        var procedureId = await DraftAsync();
        using var admin = await SignedInAdminAsync();

        using var response = await admin.SubmitAsync(SectionPath(procedureId, "plazo-y-pasos"), new Dictionary<string, string?> { ["Input.Steps[1]"] = " " });

        FormAssert.HasFieldError(await response.ReadPageAsync(), "Input_Steps_1_", "Describa el paso n.º 2 o quítelo.");
        Assert.Equal(3, (await DraftOfAsync(procedureId)).Steps.Count);
    }

    [Fact]
    public async Task PostSimplificationAndLanguages_Save()
    {
        var procedureId = await DraftAsync();
        using var admin = await SignedInAdminAsync();
        var page = await (await admin.SubmitAsync(SectionPath(procedureId, "simplificacion"), new Dictionary<string, string?> { ["ListAction"] = "add:Items" })).ReadPageAsync();

        using var simplified = await admin.SubmitAsync(page, new Dictionary<string, string?>
        {
            ["Input.Items[0].Aspect"] = nameof(SimplificationAspect.Channel),
            ["Input.Items[0].Before"] = "Boleta y depósito en el banco.",
            ["Input.Items[0].After"] = "Pago en línea con tarjeta.",
        });
        using var languages = await admin.SubmitAsync(SectionPath(procedureId, "idiomas"), new Dictionary<string, string?>
        {
            ["Input.Summaries[1].Text"] = "Ri licencia sanitaria.",
            ["Input.Summaries[1].ProvidedBy"] = "ALMG",
        });

        Assert.Equal(HttpStatusCode.Redirect, simplified.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, languages.StatusCode);
        var draft = await DraftOfAsync(procedureId);
        var item = Assert.Single(draft.Simplifications);
        Assert.Equal((SimplificationAspect.Channel, "Boleta y depósito en el banco.", "Pago en línea con tarjeta."), (item.Aspect, item.Before, item.After));
        var summary = Assert.Single(draft.PlainSummaries);
        Assert.Equal((PlainSummary.Qeqchi, "Ri licencia sanitaria.", "ALMG"), (summary.Language, summary.Text, summary.ProvidedBy));
    }

    [Fact]
    public async Task PostLanguages_TextWithoutWhoProvidedIt_IsRefused()
    {
        var procedureId = await DraftAsync();
        using var admin = await SignedInAdminAsync();

        using var response = await admin.SubmitAsync(SectionPath(procedureId, "idiomas"), new Dictionary<string, string?> { ["Input.Summaries[0].Text"] = "Jun resumen." });

        FormAssert.HasFieldError(await response.ReadPageAsync(), "Input_Summaries_0__ProvidedBy", "Escriba quién proporcionó el resumen en K'iche'.");
        Assert.Empty((await DraftOfAsync(procedureId)).PlainSummaries);
    }

    [Theory]
    [InlineData(Roles.Analista)]
    [InlineData(Roles.Jefe)]
    public async Task Get_AsAnalystOrHead_ShowsEverySectionReadOnly(string role)
    {
        var procedureId = await DraftAsync();
        using var reader = await app.SignedInSessionAsync(await app.CreateAccountAsync(role));

        foreach (var section in (string[])["general", "requisitos", "tarifa", "plazo-y-pasos", "simplificacion", "idiomas"])
        {
            var page = await reader.GetPageAsync(SectionPath(procedureId, section));

            Assert.Null(page.Document.QuerySelector("main form"));
            Assert.Empty(page.Document.QuerySelectorAll("main button"));
            Assert.All(page.Document.QuerySelectorAll("main input:not([type=hidden]), main textarea, main select"), field => Assert.NotNull(field.Closest("fieldset[disabled]")));
            Assert.Equal("Usted puede leer este borrador. Solo el administrador del servicio lo edita.", page.Document.QuerySelector("main p.notice")?.TextContent);
        }

        var requirements = await reader.GetPageAsync(SectionPath(procedureId, "requisitos"));
        Assert.Equal("Formulario de solicitud", requirements.InputValue("Input.Requirements[0].Name"));
        Assert.Equal("Borrador de la versión 2", (await reader.GetPageAsync($"/admin/tramites/{procedureId}/borrador")).Title);
    }

    [Fact]
    public async Task Post_AsAnalyst_IsDeniedAndChangesNothing()
    {
        var procedureId = await DraftAsync();
        var before = await DraftOfAsync(procedureId);
        using var analyst = await app.SignedInSessionAsync(await app.CreateAccountAsync(Roles.Analista));
        var token = (await analyst.GetPageAsync("/cuenta/salir")).AntiforgeryToken; // any page: only for the token
        using var content = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["Stamp"] = before.ConcurrencyStamp.ToString(),
            ["Input.Name"] = "Cambiado por un analista",
        });

        using var response = await analyst.Client.PostAsync(new Uri(SectionPath(procedureId, "general"), UriKind.Relative), content);

        PageAssert.IsDenied(response);
        var after = await DraftOfAsync(procedureId);
        Assert.Equal((before.Name, before.ConcurrencyStamp), (after.Name, after.ConcurrencyStamp));
    }

    /// A published procedure of the test's own with a draft of version 2 started from it.
    private async Task<Guid> DraftAsync(Action<ProcedureVersion>? edit = null)
    {
        var (procedureId, _) = await PublishedProcedures.CreateAsync(app.Services);
        await using var scope = app.Services.CreateAsyncScope();
        var publishing = scope.ServiceProvider.GetRequiredService<ProcedurePublishing>();
        var started = await publishing.StartDraftAsync(procedureId, PublishedProcedures.ActorId);
        Assert.True(started.Succeeded);
        if (edit is not null)
        {
            Assert.True((await publishing.SaveDraftAsync(started.Version!.Id, started.Version.ConcurrencyStamp, "test", edit, PublishedProcedures.ActorId)).Succeeded);
        }

        return procedureId;
    }

    private async Task<ProcedureVersion> DraftOfAsync(Guid procedureId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<ProcedurePublishing>().FindDraftAsync(procedureId))!;
    }

    private static string SectionPath(Guid procedureId, string section) => $"/admin/tramites/{procedureId}/borrador/{section}";

    private async Task<WebSession> SignedInAdminAsync() =>
        await app.SignedInSessionAsync(await app.CreateAccountAsync(Roles.AdministradorServicio));
}
