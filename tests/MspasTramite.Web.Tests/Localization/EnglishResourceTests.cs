using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace MspasTramite.Web.Tests.Localization;

/// Spanish text is the resource key; every key a page or email uses must have its English text,
/// or an English reader would silently see Spanish.
public partial class EnglishResourceTests
{
    [Fact]
    public void EveryLocalizedTextInTheWebProject_HasAnEnglishTranslation()
    {
        var root = RepoRoot();
        var web = Path.Combine(root, "src", "MspasTramite.Web");
        var english = XDocument.Load(Path.Combine(web, "Resources", "SharedResource.en.resx"))
            .Root!.Elements("data").Select(d => (string)d.Attribute("name")!).ToHashSet(StringComparer.Ordinal);

        var used = Directory.EnumerateFiles(web, "*.*", SearchOption.AllDirectories)
            .Where(f => (f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".cshtml", StringComparison.Ordinal))
                        && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                        && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(f => Keys(File.ReadAllText(f)))
            .ToHashSet(StringComparer.Ordinal);
        // Keys chosen at run time rather than written as L["…"] literals.
        used.UnionWith(Core.Identity.Roles.All.Select(Core.Identity.Roles.DisplayName));
        used.UnionWith(Enum.GetValues<Core.Applications.ApplicationStep>().Select(MspasTramite.Web.Pages.Citizen.Applications.ApplicationPageModel.StepName));
        used.UnionWith(Enum.GetValues<Core.Procedures.Department>().Select(MspasTramite.Web.Pages.Procedures.DepartmentNames.Of));
        used.UnionWith(typeof(Core.Applications.ApplicationStatus).GetFields().Select(f => MspasTramite.Web.Pages.Citizen.Applications.DetailsModel.StatusName((string)f.GetValue(null)!)));
        used.UnionWith(MspasTramite.Web.Pages.Citizen.Applications.DetailsModel.EventKinds.Select(MspasTramite.Web.Pages.Citizen.Applications.DetailsModel.EventName));
        used.UnionWith(Enum.GetValues<Core.Payments.PaymentStatus>().Select(MspasTramite.Web.Pages.Finance.PaymentNames.Status));
        used.UnionWith(Core.Applications.ApplicationStatus.All.Select(MspasTramite.Web.Pages.Backoffice.WorkflowNames.State));
        used.UnionWith(Enum.GetValues<Core.Review.WorkflowTrigger>().Select(MspasTramite.Web.Pages.Backoffice.WorkflowNames.Trigger));
        used.UnionWith(MspasTramite.Web.Pages.Backoffice.WorkflowNames.Actors.Select(MspasTramite.Web.Pages.Backoffice.WorkflowNames.Role));
        used.UnionWith(Core.Review.ApplicationWorkflow.Table.SelectMany(t => t.Guards).Select(g => g.Description));
        used.UnionWith(Core.Review.ApplicationWorkflow.Table.SelectMany(t => t.Guards).Select(g => MspasTramite.Web.Pages.Backoffice.WorkflowNames.Condition(g.Description) ?? g.Description));
        var checklist = File.ReadAllText(Path.Combine(root, "src", "MspasTramite.Core", "Applications", "ApplicationChecklist.cs"));
        used.UnionWith(ChecklistMessage().Matches(checklist).Select(m => m.Groups[1].Value));

        var missing = used.Where(k => !english.Contains(k)).Order(StringComparer.Ordinal).ToList();

        Assert.True(used.Count > 100, $"only {used.Count} keys found: the scan is broken");
        Assert.True(missing.Count == 0, "Missing from tools/en-translations.tsv (then run tools/build-resx.py):\n" + string.Join("\n", missing));
    }

    private static IEnumerable<string> Keys(string source) =>
        LocalizerCall().Matches(source).Concat(ErrorMessage().Matches(source))
            .Select(m => Regex.Unescape(m.Groups[1].Value));

    private static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "MspasTramite.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("MspasTramite.sln not found above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex("""\b[lL](?:\(\))?\["((?:[^"\\]|\\.)*)"\s*[,\]]""")]
    private static partial Regex LocalizerCall();

    [GeneratedRegex("""new\(ApplicationStep\.\w+, "([^"]+)"\)""")]
    private static partial Regex ChecklistMessage();

    [GeneratedRegex(@"ErrorMessage\s*=\s*""((?:[^""\\]|\\.)*)""")]
    private static partial Regex ErrorMessage();
}
