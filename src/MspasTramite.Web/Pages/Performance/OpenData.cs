using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using MspasTramite.Core.Performance;
using MspasTramite.Web.Infrastructure;

namespace MspasTramite.Web.Pages.Performance;

/// The public figures as files, column by column from PublicPerformance.Columns, so the CSV and the
/// JSON carry the same values under the same names (README: "Open performance data").
public static class OpenData
{
    /// What a withheld cell says in the CSV, as on the page.
    public const string SuppressedText = "menos de 5";

    /// CsvFile's rules (UTF-8 with BOM, RFC 4180, CRLF), a withheld cell reading "menos de 5".
    public static CsvFile Csv(PublicReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var csv = new CsvFile([.. PublicPerformance.Columns.Select(c => c.Name)]);
        foreach (var row in report.Rows)
        {
            csv.AddRow([.. PublicPerformance.Columns.Select(c => row.IsSuppressed(c.Name) ? SuppressedText : c.Value(row) switch
            {
                bool b => b ? "true" : "false",
                var value => value,
            })]);
        }

        return csv;
    }

    public static FileContentResult Json(PublicReport report) => new(JsonBytes(report), "application/json; charset=utf-8");

    private static byte[] JsonBytes(PublicReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("generated_at", report.GeneratedAt.ToUniversalTime());
            json.WriteNumber("schema_version", PublicPerformance.SchemaVersion);
            json.WriteNumber("minimum_count", PublicPerformance.MinimumCount);
            json.WriteStartArray("rows");
            foreach (var row in report.Rows)
            {
                json.WriteStartObject();
                foreach (var column in PublicPerformance.Columns)
                {
                    json.WritePropertyName(column.Name);
                    switch (column.Value(row))
                    {
                        case null:
                            json.WriteNullValue();
                            break;
                        case string s:
                            json.WriteStringValue(s);
                            break;
                        case bool b:
                            json.WriteBooleanValue(b);
                            break;
                        case int i:
                            json.WriteNumberValue(i);
                            break;
                        case decimal d:
                            json.WriteNumberValue(d);
                            break;
                        case var other:
                            throw new NotSupportedException(other.GetType().Name);
                    }
                }

                json.WriteStartArray("suppressed");
                foreach (var field in row.Suppressed)
                {
                    json.WriteStringValue(field);
                }

                json.WriteEndArray();
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return stream.ToArray();
    }
}

/// The two open-data addresses: the same report, one file each. No date in the file name, so a
/// dashboard elsewhere can read the same address every day.
public abstract class OpenDataPage(PublicPerformance performance, Func<PublicReport, FileContentResult> write) : PageModel
{
    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) => write(await performance.LoadAsync(cancellationToken));
}

/// /desempeno/datos.csv
[AllowAnonymous]
public sealed class DataCsvModel(PublicPerformance performance) : OpenDataPage(performance, r => OpenData.Csv(r).ToResult("desempeno.csv"));

/// /desempeno/datos.json
[AllowAnonymous]
public sealed class DataJsonModel(PublicPerformance performance) : OpenDataPage(performance, OpenData.Json);
