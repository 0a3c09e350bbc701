using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Mvc;

namespace MspasTramite.Web.Infrastructure;

/// A CSV download as a spreadsheet in Spanish opens it: UTF-8 with a byte-order mark (without one
/// Excel reads the accents as Windows-1252), RFC 4180 quoting and CRLF line ends. Numbers are cells
/// of their own type, written with the invariant culture (a point for decimals) and never altered;
/// any other value is text, and text that a spreadsheet would run as a formula (= + - @, or a tab
/// or CR before one) gets a leading apostrophe (OWASP, CSV injection): a file number or a comment
/// typed by a citizen must not become a formula on an officer's computer.
public sealed class CsvFile
{
    public const string ContentType = "text/csv; charset=utf-8";

    private readonly StringBuilder text = new();
    private readonly int columns;

    public CsvFile(params IReadOnlyList<string> header)
    {
        ArgumentNullException.ThrowIfNull(header);
        columns = header.Count;
        Append(header);
    }

    /// One row, a value per column in the header's order (null is an empty cell).
    public CsvFile AddRow(params IReadOnlyList<object?> cells)
    {
        ArgumentNullException.ThrowIfNull(cells);
        if (cells.Count != columns)
        {
            throw new ArgumentException($"The header has {columns} columns; this row has {cells.Count}.", nameof(cells));
        }

        Append(cells);
        return this;
    }

    public byte[] ToBytes() => [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text.ToString())];

    /// The download, under the file name given (an attachment: the browser saves it, never shows it).
    public FileContentResult ToResult(string fileName) => new(ToBytes(), ContentType) { FileDownloadName = fileName };

    /// One cell as it is written: a number as it is, anything else as text.
    public static string Cell(object? value) => value switch
    {
        null => "",
        int or long or short or byte or uint or ulong or ushort or sbyte or decimal => Convert.ToString(value, CultureInfo.InvariantCulture)!,
        // "R": the shortest text that reads back as the same double.
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        float f => f.ToString("R", CultureInfo.InvariantCulture),
        // ISO 8601, which every spreadsheet reads as a date; the invariant culture's is 03/01/2025.
        DateOnly day => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        IFormattable formattable => Text(formattable.ToString(null, CultureInfo.InvariantCulture)),
        _ => Text(value.ToString()),
    };

    /// A text cell: neutralised if a spreadsheet would take it for a formula, quoted if it must be.
    public static string Text(string? value)
    {
        var v = value ?? "";
        if (v.Length > 0 && v[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            v = "'" + v;
        }

        return v.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + v.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : v;
    }

    private void Append<T>(IEnumerable<T> cells)
    {
        text.AppendJoin(',', cells.Select(c => Cell(c)));
        text.Append("\r\n");
    }
}
