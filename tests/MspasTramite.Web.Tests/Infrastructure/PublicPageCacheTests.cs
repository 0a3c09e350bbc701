using System.Net;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MspasTramite.Core.Identity;
using MspasTramite.Web.Tests.Publishing;
using MspasTramite.Web.Tests.TestKit;

namespace MspasTramite.Web.Tests.Infrastructure;

[Collection(SqliteApp.Name)]
public sealed class PublicPageCacheTests_Sqlite(SqliteAppFactory app) : PublicPageCacheTests<SqliteAppFactory>(app);

[Collection(PostgresApp.Name)]
public sealed class PublicPageCacheTests_Postgres(PostgresAppFactory app) : PublicPageCacheTests<PostgresAppFactory>(app);

/// The public pages are kept in memory for anonymous visitors, per address and language, and dropped
/// when a change the public sees is committed. Each test changes the stored name behind EF's back
/// (ExecuteUpdate runs no interceptor) to tell a kept copy from a fresh rendering.
public abstract class PublicPageCacheTests<TFactory>(TFactory app) where TFactory : MspasAppFactory
{
    [Theory]
    [InlineData("/tramites/{0}")]
    [InlineData("/tramites/{0}/historial")]
    [InlineData("/tramites?q={0}")]
    public async Task Get_Anonymous_IsServedTheKeptCopyUntilAVersionIsPublished(string address)
    {
        var (procedureId, slug) = await PublishedProcedures.CreateAsync(app.Services);
        var url = string.Format(System.Globalization.CultureInfo.InvariantCulture, address, slug);
        using var visitor = app.CreateSession();
        Assert.Contains("Licencia de prueba " + slug, (await visitor.GetPageAsync(url)).Text, StringComparison.Ordinal);
        await RenameBehindTheCacheAsync(procedureId, "Nombre cambiado " + slug);

        var kept = await visitor.GetPageAsync(url);
        await PublishedProcedures.PublishNewVersionAsync(app.Services, procedureId, v => v.Name = "Nombre publicado " + slug, "Se corrige el nombre del trámite.");
        var fresh = await visitor.GetPageAsync(url);

        Assert.Contains("Licencia de prueba " + slug, kept.Text, StringComparison.Ordinal);
        Assert.Contains("Nombre publicado " + slug, fresh.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_Catalogue_ListsAProcedureOnceItIsPublished()
    {
        using var visitor = app.CreateSession();
        await visitor.GetPageAsync("/tramites");

        var (_, slug) = await PublishedProcedures.CreateAsync(app.Services);

        Assert.NotNull((await visitor.GetPageAsync("/tramites")).Document.QuerySelector($"a[href='/tramites/{slug}']"));
    }

    [Fact]
    public async Task SavingADraft_KeepsThePublicCopy()
    {
        var (procedureId, slug, visitor) = await KeptPageRenamedAsync();
        using var _ = visitor;

        await PublishedProcedures.StartDraftAsync(app.Services, procedureId, v => v.Name = "Borrador " + slug);

        Assert.Equal("Licencia de prueba " + slug, (await visitor.GetPageAsync("/tramites/" + slug)).Title);
    }

    [Fact]
    public async Task Get_SignedIn_IsRenderedForThePersonAndNotKept()
    {
        var (procedureId, slug, visitor) = await KeptPageRenamedAsync();
        using var _ = visitor;
        using var citizen = await app.SignedInSessionAsync(await app.CreateAccountAsync(Roles.Solicitante));

        using var response = await citizen.GetAsync("/tramites/" + slug);

        var page = await HtmlPage.ReadAsync(response, HttpStatusCode.OK);
        Assert.Equal("Nombre cambiado " + slug, page.Title);
        Assert.NotNull(page.Document.QuerySelector("header form[action='/cuenta/salir']"));
        Assert.True(response.Headers.CacheControl?.NoStore);
    }

    [Fact]
    public async Task Get_InEnglish_IsKeptApartFromTheSpanishCopy()
    {
        var (_, slug) = await PublishedProcedures.CreateAsync(app.Services);
        using var visitor = app.CreateSession();
        var spanish = await visitor.GetPageAsync("/tramites/" + slug);
        using var switched = await visitor.GetAsync(spanish.Document.QuerySelector("header a[href^='/idioma?']")!.GetAttribute("href")!);

        var english = await visitor.FollowAsync(switched);
        var spanishAgain = await app.CreateSession().GetPageAsync("/tramites/" + slug);

        Assert.Equal("es-GT", spanish.Document.DocumentElement.GetAttribute("lang"));
        Assert.Equal("en", english.Document.DocumentElement.GetAttribute("lang"));
        Assert.Equal("es-GT", spanishAgain.Document.DocumentElement.GetAttribute("lang"));
    }

    [Fact]
    public async Task Get_WithAMessageToShow_IsRenderedAfresh()
    {
        var (procedureId, slug, visitor) = await KeptPageRenamedAsync();
        using var _ = visitor;
        var tempData = app.Services.GetRequiredService<IOptions<CookieTempDataProviderOptions>>().Value.Cookie.Name!;
        using var request = new HttpRequestMessage(HttpMethod.Get, "/tramites/" + slug);
        request.Headers.Add("Cookie", tempData + "=cualquier-cosa");

        using var response = await visitor.Client.SendAsync(request);

        Assert.Equal("Nombre cambiado " + slug, (await HtmlPage.ReadAsync(response, HttpStatusCode.OK)).Title);
    }

    /// A procedure whose page an anonymous visitor read (so it is kept), renamed since behind the cache.
    private async Task<(Guid ProcedureId, string Slug, WebSession Visitor)> KeptPageRenamedAsync()
    {
        var (procedureId, slug) = await PublishedProcedures.CreateAsync(app.Services);
        var visitor = app.CreateSession();
        await visitor.GetPageAsync("/tramites/" + slug);
        await RenameBehindTheCacheAsync(procedureId, "Nombre cambiado " + slug);
        return (procedureId, slug, visitor);
    }

    private Task<int> RenameBehindTheCacheAsync(Guid procedureId, string name) =>
        app.WithDbAsync(db => db.ProcedureVersions.Where(v => v.ProcedureId == procedureId).ExecuteUpdateAsync(s => s.SetProperty(v => v.Name, name)));
}
