using System.Text.Json;
using System.Text.Json.Serialization;

namespace MspasTramite.Web.Infrastructure;

/// What Pages/Shared/_Chart.cshtml draws: the canvas's id (also the id of its JSON block), the name a
/// screen reader announces for it, and the figures (a ChartData, or any object of that shape).
public sealed record ChartView(string Id, string AriaLabel, object Data)
{
    private const string ScriptsKey = "MspasTramite.Charts";

    // camelCase for the script's names ("yLabel"); the default encoder writes <, >, & and quotes as
    // \uXXXX, so no label (a procedure's name, a comment) can close the <script> block it sits in.
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public string ToJson() => JsonSerializer.Serialize(Data, Data.GetType(), Json);

    /// The partial asks for the chart scripts; the layout, which runs after the page's body, writes
    /// them once however many charts the page has.
    public static void RequestScripts(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Items[ScriptsKey] = true;
    }

    public static bool ScriptsRequested(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Items.ContainsKey(ScriptsKey);
    }
}

/// A bar or line chart's figures, as wwwroot/js/charts.js reads them.
public sealed record ChartData(string Type, IReadOnlyList<string> Labels, IReadOnlyList<ChartSeries> Datasets, string? YLabel = null)
{
    public const string Bar = "bar";
    public const string Line = "line";
}

/// One series: its name in the legend and a value per label (null leaves a gap).
public sealed record ChartSeries(string Label, IReadOnlyList<decimal?> Data);
