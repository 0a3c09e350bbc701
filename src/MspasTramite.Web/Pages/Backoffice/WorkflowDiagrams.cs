using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Extensions.Localization;
using MspasTramite.Core.Review;

namespace MspasTramite.Web.Pages.Backoffice;

/// The workflow's drawings, laid out once per variant and language and then reused: the layout was
/// most of the public procedure page's time, and its input never changes while the app runs. The
/// key is everything the SVG depends on: the workflow version drawn (ApplicationWorkflow.Versions
/// is compiled in, so a new table is a new key, never a stale entry), the inspection flag, the
/// element id prefix and the interface language. Every part comes from code or the supported
/// cultures, so the dictionary stays a handful of entries whatever the requests carry.
public sealed class WorkflowDiagrams
{
    private readonly ConcurrentDictionary<(int Version, bool WithInspection, string Id, string Culture), Lazy<string>> drawings = new();
    private int layouts;

    /// How many drawings were laid out since start (what the cache saved is the requests beyond it).
    public int Layouts => Volatile.Read(ref layouts);

    public string Svg(WorkflowDiagramView view, IStringLocalizer l)
    {
        ArgumentNullException.ThrowIfNull(view);
        ArgumentNullException.ThrowIfNull(l);
        var key = (ApplicationWorkflow.CurrentVersion, view.WithInspection, view.Id, CultureInfo.CurrentUICulture.Name);
        // Lazy runs the layout once even when two first requests race; it runs on the first
        // caller's thread, whose UI culture is the one in the key.
        return drawings.GetOrAdd(key, _ => new Lazy<string>(() =>
        {
            Interlocked.Increment(ref layouts);
            return view.Svg(l);
        })).Value;
    }
}
