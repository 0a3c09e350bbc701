using Microsoft.Extensions.DependencyInjection;
using MspasTramite.Core.Applications;
using MspasTramite.Core.Identity;
using MspasTramite.Core.Performance;

namespace MspasTramite.Web.Tests.TestKit;

/// The product manager's input pages (/admin/indicadores/volumenes and /costos). The app's database
/// is shared by the whole collection and a figure is one row per month, so each test takes months of
/// its own: Month(n) is the n-th month from January 2024.
public static class PerformanceInputFlows
{
    public const string Volumes = "/admin/indicadores/volumenes";
    public const string Costs = "/admin/indicadores/costos";

    /// Each input page with each staff role that is not the product manager's.
    public static TheoryData<string, string> WrongRoles()
    {
        var data = new TheoryData<string, string>();
        foreach (var path in (string[])[Volumes, Costs])
        {
            foreach (var role in (string[])[Roles.Solicitante, Roles.Analista, Roles.Jefe, Roles.Finanzas])
            {
                data.Add(path, role);
            }
        }

        return data;
    }

    public static DateOnly Month(int n) => PerformanceInputs.FirstMonth.AddMonths(n);

    public static string Iso(DateOnly month) => PerformanceInputs.FormatMonth(month);

    /// The month in Guatemala now, by the app's clock.
    public static DateOnly CurrentMonth(this MspasAppFactory app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var today = GuatemalaTime.Today(app.Services.GetRequiredService<TimeProvider>().GetUtcNow());
        return new DateOnly(today.Year, today.Month, 1);
    }

    public static async Task<(WebSession Browser, TestAccount Account, string UserId)> SignedInProductManagerAsync(this MspasAppFactory app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var account = await app.CreateAccountAsync(Roles.AdministradorServicio);
        var browser = await app.SignedInSessionAsync(account);
        return (browser, account, await app.UserIdAsync(account));
    }

    /// The list's rows, each cell's text.
    public static List<string[]> Rows(HtmlPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        return [.. page.Document.QuerySelectorAll("main table tbody tr").Select(tr => tr.QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToArray())];
    }

    /// The two POSTs of a page a wrong role must not reach: any page's antiforgery token is enough.
    public static async Task<HttpResponseMessage> PostWithoutTheFormAsync(WebSession browser, string path, IReadOnlyDictionary<string, string> fields)
    {
        ArgumentNullException.ThrowIfNull(browser);
        var token = (await browser.GetPageAsync("/cuenta/salir")).AntiforgeryToken;
        using var content = new FormUrlEncodedContent(new Dictionary<string, string>(fields) { ["__RequestVerificationToken"] = token });
        return await browser.Client.PostAsync(new Uri(path, UriKind.Relative), content);
    }
}
