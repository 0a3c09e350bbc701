using Microsoft.EntityFrameworkCore;
using MspasTramite.Core.Applications;
using MspasTramite.Core.Identity;
using MspasTramite.Web.Tests.TestKit;

namespace MspasTramite.Web.Tests.Pages.Citizen.Applications;

[Collection(SqliteApp.Name)]
public sealed class WithdrawTests_Sqlite(SqliteAppFactory app) : WithdrawTests<SqliteAppFactory>(app);

[Collection(PostgresApp.Name)]
public sealed class WithdrawTests_Postgres(PostgresAppFactory app) : WithdrawTests<PostgresAppFactory>(app);

/// /mis-solicitudes/{id}/retirar: a draft or an unpaid application can be withdrawn, once; after
/// payment the back office decides.
public abstract class WithdrawTests<TFactory>(TFactory app) where TFactory : MspasAppFactory
{
    [Theory]
    [InlineData(false, ApplicationStatus.Draft)]
    [InlineData(true, ApplicationStatus.AwaitingPayment)]
    public async Task Post_WhenDraftOrAwaitingPayment_WithdrawsAndReturnsToList(bool submitted, string from)
    {
        var citizen = await app.CreateAccountAsync(Roles.Solicitante);
        var application = await TestData.CreateApplicationAsync(app, citizen, new() { Submitted = submitted });
        using var browser = await app.SignedInSessionAsync(citizen);
        var page = await browser.GetPageAsync(application.Url + "/retirar");
        Assert.Equal("¿Retirar esta solicitud?", page.Title);

        using var response = await browser.SubmitAsync(page, new Dictionary<string, string?>());

        Assert.Equal("/mis-solicitudes", response.RedirectPath());
        Assert.Equal("Solicitud retirada.", (await browser.FollowAsync(response)).Notice);
        var saved = await app.FindApplicationAsync(application.Id);
        Assert.Equal(ApplicationStatus.Withdrawn, saved.Status);
        var withdrawn = Assert.Single(saved.Events, e => e.Kind == "withdrawn");
        Assert.Equal((from, ApplicationStatus.Withdrawn), (withdrawn.FromStatus, withdrawn.ToStatus));
        Assert.Equal(application.FileNumber, saved.FileNumber);
    }

    [Fact]
    public async Task Get_WhenAlreadyWithdrawn_RedirectsToDetails()
    {
        var citizen = await app.CreateAccountAsync(Roles.Solicitante);
        var application = await TestData.CreateApplicationAsync(app, citizen, new() { Submitted = true });
        using var browser = await app.SignedInSessionAsync(citizen);
        using (var first = await browser.SubmitAsync(application.Url + "/retirar", new Dictionary<string, string?>()))
        {
            Assert.Equal("/mis-solicitudes", first.RedirectPath());
        }

        using var response = await browser.GetAsync(application.Url + "/retirar");

        Assert.Equal(application.Url, response.RedirectPath());
    }

    [Fact]
    public async Task Post_WhenAlreadyWithdrawn_SaysItCannotAndChangesNothing()
    {
        var citizen = await app.CreateAccountAsync(Roles.Solicitante);
        var application = await TestData.CreateApplicationAsync(app, citizen, new() { Submitted = true });
        using var browser = await app.SignedInSessionAsync(citizen);
        var page = await browser.GetPageAsync(application.Url + "/retirar");
        using (var first = await browser.SubmitAsync(page, new Dictionary<string, string?>()))
        {
            Assert.Equal("/mis-solicitudes", first.RedirectPath());
        }

        var before = await app.FindApplicationAsync(application.Id);

        // The confirmation page again, still open in another tab.
        using var response = await browser.SubmitAsync(page, new Dictionary<string, string?>());

        Assert.Equal(application.Url, response.RedirectPath());
        Assert.Equal("Esta solicitud ya no se puede retirar.", (await browser.FollowAsync(response)).Notice);
        var after = await app.FindApplicationAsync(application.Id);
        Assert.Equal(before.ConcurrencyStamp, after.ConcurrencyStamp);
        Assert.Equal(ApplicationStatus.Withdrawn, after.Status);
        Assert.Single(after.Events, e => e.Kind == "withdrawn");
    }

    [Fact]
    public async Task GetAndPost_WhenAlreadyPaid_CannotWithdraw()
    {
        var citizen = await app.CreateAccountAsync(Roles.Solicitante);
        var application = await TestData.CreateApplicationAsync(app, citizen, new() { Submitted = true });
        using var browser = await app.SignedInSessionAsync(citizen);
        var page = await browser.GetPageAsync(application.Url + "/retirar");
        // Paid meanwhile: the back office now holds it.
        await app.WithDbAsync(db => db.Applications.Where(a => a.Id == application.Id).ExecuteUpdateAsync(s => s.SetProperty(a => a.Status, ApplicationStatus.Received)));

        using var get = await browser.GetAsync(application.Url + "/retirar");
        using var post = await browser.SubmitAsync(page, new Dictionary<string, string?>());

        Assert.Equal(application.Url, get.RedirectPath());
        Assert.Equal(application.Url, post.RedirectPath());
        Assert.Equal("Esta solicitud ya no se puede retirar.", (await browser.FollowAsync(post)).Notice);
        var saved = await app.FindApplicationAsync(application.Id);
        Assert.Equal(ApplicationStatus.Received, saved.Status);
        Assert.DoesNotContain(saved.Events, e => e.Kind == "withdrawn");
    }
}
