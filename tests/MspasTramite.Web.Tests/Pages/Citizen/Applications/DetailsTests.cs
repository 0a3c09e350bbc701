using MspasTramite.Core.Applications;
using MspasTramite.Core.Identity;
using MspasTramite.Web.Tests.TestKit;

namespace MspasTramite.Web.Tests.Pages.Citizen.Applications;

[Collection(SqliteApp.Name)]
public sealed class DetailsTests_Sqlite(SqliteAppFactory app) : DetailsTests<SqliteAppFactory>(app);

[Collection(PostgresApp.Name)]
public sealed class DetailsTests_Postgres(PostgresAppFactory app) : DetailsTests<PostgresAppFactory>(app);

/// /mis-solicitudes/{id}: the application's status, fee, what can be done next, and its history
/// (without the back office's internal notes).
public abstract class DetailsTests<TFactory>(TFactory app) where TFactory : MspasAppFactory
{
    [Fact]
    public async Task Get_WhenDraft_OffersToContinueOrWithdrawButNoProof()
    {
        var citizen = await app.CreateAccountAsync(Roles.Solicitante);
        var application = await TestData.CreateApplicationAsync(app, citizen, new() { FilledThrough = ApplicationStep.Establishment });
        using var browser = await app.SignedInSessionAsync(citizen);

        var page = await browser.GetPageAsync(application.Url);

        Assert.Equal("Borrador de solicitud", page.Title);
        Assert.Equal("Borrador", page.Document.QuerySelector(".status")?.TextContent);
        Assert.Contains("Se calcula al enviar", page.Text, StringComparison.Ordinal);
        Assert.Equal("Continuar la solicitud", page.Document.QuerySelector($"a[href='{application.Url}/solicitante']")?.TextContent);
        Assert.NotNull(page.Document.QuerySelector($"a[href='{application.Url}/retirar']"));
        Assert.Null(page.Document.QuerySelector($"a[href='{application.Url}/constancia']"));
        Assert.Contains(TestData.EstablishmentName, page.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_WhenSubmitted_ShowsFileNumberFeeProofAndHistory()
    {
        var citizen = await app.CreateAccountAsync(Roles.Solicitante);
        var application = await TestData.CreateApplicationAsync(app, citizen, new() { Submitted = true });
        using var browser = await app.SignedInSessionAsync(citizen);

        var page = await browser.GetPageAsync(application.Url);

        Assert.Equal($"Expediente {application.FileNumber}", page.Title);
        Assert.Equal("Pendiente de pago", page.Document.QuerySelector(".status")?.TextContent);
        Assert.Contains("Q500.00", page.Text, StringComparison.Ordinal);
        Assert.NotNull(page.Document.QuerySelector($"a[href='{application.Url}/constancia']"));
        Assert.NotNull(page.Document.QuerySelector($"a[href='{application.Url}/retirar']"));
        Assert.Null(page.Document.QuerySelector($"a[href='{application.Url}/solicitante']")); // no "continue", no "change"
        var history = page.Document.QuerySelectorAll("ol.timeline li span").Select(s => s.TextContent).ToList();
        Assert.Equal("Borrador creado", history[0]);
        Assert.Contains("Documento agregado: Formulario DRCA-004: formulario-drca-004.pdf", history);
        Assert.Equal($"Solicitud enviada: {application.FileNumber}", history[^1]);
    }

    [Fact]
    public async Task Get_ReadsTheApplicationInTwoQueriesOnOneConnection()
    {
        var file = await app.ReceivedAsync(ProcedureSlugs.ProcessedFood);
        using var browser = await app.SignedInSessionAsync(file.Citizen.Account);
        var first = await browser.GetPageAsync(file.CitizenUrl); // the holiday calendar is read once, then kept
        using var counter = new DbCommandCounter();
        using var request = new HttpRequestMessage(HttpMethod.Get, file.CitizenUrl);
        request.Headers.Add("traceparent", counter.Traceparent());

        using var response = await browser.Client.SendAsync(request);

        var page = await response.ReadPageAsync();
        Assert.Equal(first.Document.QuerySelector("main")!.InnerHtml, page.Document.QuerySelector("main")!.InnerHtml);
        Assert.Contains("Quedan 20 días hábiles", page.Text, StringComparison.Ordinal);
        var (commands, opens) = counter.OfContextThatRan("\"Applications\"");
        Assert.Equal(2, commands.Count);
        Assert.Contains("\"ApplicationEvents\"", commands[1], StringComparison.Ordinal);
        Assert.Equal(1, opens);
    }

    [Fact]
    public async Task Get_LeavesOutInternalNotes()
    {
        var citizen = await app.CreateAccountAsync(Roles.Solicitante);
        var application = await TestData.CreateApplicationAsync(app, citizen, new() { Submitted = true });
        await app.WithDbAsync(db =>
        {
            db.ApplicationEvents.Add(new ApplicationEvent
            {
                Id = Guid.CreateVersion7(),
                ApplicationId = application.Id,
                At = DateTimeOffset.UtcNow,
                Kind = "note",
                Note = "Nota interna: revisar el croquis con el jefe",
                Internal = true,
            });
            return db.SaveChangesAsync();
        });
        using var browser = await app.SignedInSessionAsync(citizen);

        var page = await browser.GetPageAsync(application.Url);

        Assert.DoesNotContain("Nota interna", page.Text, StringComparison.Ordinal);
        Assert.Equal(6, page.Document.QuerySelectorAll("ol.timeline li").Length); // created, 4 documents, submitted, and nothing else
    }

    [Fact]
    public async Task Get_WhenWithdrawn_OffersNothingMoreToDo()
    {
        var citizen = await app.CreateAccountAsync(Roles.Solicitante);
        var application = await TestData.CreateApplicationAsync(app, citizen, new() { Submitted = true });
        using var browser = await app.SignedInSessionAsync(citizen);
        using (var withdrawn = await browser.SubmitAsync(application.Url + "/retirar", new Dictionary<string, string?>()))
        {
            Assert.Equal("/mis-solicitudes", withdrawn.RedirectPath());
        }

        var page = await browser.GetPageAsync(application.Url);

        Assert.Equal("Retirada", page.Document.QuerySelector(".status")?.TextContent);
        Assert.Null(page.Document.QuerySelector($"a[href='{application.Url}/retirar']"));
        var history = page.Document.QuerySelectorAll("ol.timeline li span");
        Assert.Equal("Solicitud retirada", history[history.Length - 1].TextContent);
    }
}
