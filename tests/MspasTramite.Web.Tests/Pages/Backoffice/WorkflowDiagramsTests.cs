using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using MspasTramite.Web.Pages.Backoffice;
using MspasTramite.Web.Tests.TestKit;

namespace MspasTramite.Web.Tests.Pages.Backoffice;

/// The drawings' cache: one layout per variant, id and language, the same string every time after.
/// The app's localizer gives the real words; the host's database is not touched. SQLite only.
[Collection(SqliteApp.Name)]
public sealed class WorkflowDiagramsTests(SqliteAppFactory app)
{
    [Fact]
    public void Svg_SameVariantAndLanguage_IsLaidOutOnce()
    {
        var diagrams = new WorkflowDiagrams();
        var view = new WorkflowDiagramView(true, "flujo", "caption");

        var (first, second) = InCulture("es-GT", () => (diagrams.Svg(view, Localizer()), diagrams.Svg(view with { Caption = "another" }, Localizer())));

        Assert.Same(first, second);
        Assert.Equal(1, diagrams.Layouts);
        Assert.Equal(InCulture("es-GT", () => view.Svg(Localizer())), first);
    }

    [Fact]
    public void Svg_EachVariantIdAndLanguage_HasItsOwnDrawing()
    {
        var diagrams = new WorkflowDiagrams();
        var view = new WorkflowDiagramView(true, "flujo", "caption");

        var spanish = InCulture("es-GT", () => diagrams.Svg(view, Localizer()));
        var english = InCulture("en", () => diagrams.Svg(view, Localizer()));
        var withoutInspection = InCulture("es-GT", () => diagrams.Svg(view with { WithInspection = false }, Localizer()));
        var otherId = InCulture("es-GT", () => diagrams.Svg(view with { Id = "otro" }, Localizer()));
        var spanishAgain = InCulture("es-GT", () => diagrams.Svg(view, Localizer()));

        Assert.Contains("Schedule inspection", english, StringComparison.Ordinal);
        Assert.DoesNotContain("Schedule inspection", spanish, StringComparison.Ordinal);
        Assert.DoesNotContain("nspección", withoutInspection, StringComparison.Ordinal);
        Assert.Contains("id=\"otro-title\"", otherId, StringComparison.Ordinal);
        Assert.Same(spanish, spanishAgain);
        Assert.Equal(4, diagrams.Layouts);
    }

    private IStringLocalizer Localizer() => app.Services.GetRequiredService<IStringLocalizer<SharedResource>>();

    private static T InCulture<T>(string name, Func<T> action)
    {
        var before = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(name);
        try
        {
            return action();
        }
        finally
        {
            CultureInfo.CurrentUICulture = before;
        }
    }
}
