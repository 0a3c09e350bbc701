using System.Globalization;
using System.Text;
using MspasTramite.Web.Infrastructure;

namespace MspasTramite.Web.Tests.Infrastructure;

/// The CSV every download is written with: what Excel in Spanish opens as it was meant.
public sealed class CsvFileTests
{
    [Fact]
    public void ToResult_IsUtf8WithBomCrlfAndTheCallersFileName()
    {
        var csv = new CsvFile("mes", "trámite", "solicitudes").AddRow("2025-03", "Licencia sanitaria", 120);

        var result = csv.ToResult("volúmenes-2025.csv");

        Assert.Equal("text/csv; charset=utf-8", result.ContentType);
        Assert.Equal("volúmenes-2025.csv", result.FileDownloadName);
        Assert.Equal(Encoding.UTF8.GetPreamble(), result.FileContents[..3]);
        Assert.Equal("mes,trámite,solicitudes\r\n2025-03,Licencia sanitaria,120\r\n", Encoding.UTF8.GetString(result.FileContents[3..]));
    }

    [Theory]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("dijo \"sí\"", "\"dijo \"\"sí\"\"\"")]
    [InlineData("línea 1\nlínea 2", "\"línea 1\nlínea 2\"")]
    [InlineData("línea 1\r\nlínea 2", "\"línea 1\r\nlínea 2\"")]
    [InlineData("sin nada", "sin nada")]
    [InlineData("", "")]
    [InlineData(null, "")]
    public void Text_QuotesAsRfc4180Says(string? value, string written) =>
        Assert.Equal(written, CsvFile.Text(value));

    [Theory]
    [InlineData("=1+1", "'=1+1")]
    [InlineData("+50212345678", "'+50212345678")]
    [InlineData("-5", "'-5")]
    [InlineData("@SUM(A1:A2)", "'@SUM(A1:A2)")]
    [InlineData("\t=1+1", "'\t=1+1")]
    [InlineData("\r=1+1", "\"'\r=1+1\"")]
    [InlineData("=HYPERLINK(\"http://malo.example\",\"ver\")", "\"'=HYPERLINK(\"\"http://malo.example\"\",\"\"ver\"\")\"")]
    [InlineData("a=1", "a=1")]
    public void Text_ThatASpreadsheetWouldRun_GetsALeadingApostrophe(string value, string written) =>
        Assert.Equal(written, CsvFile.Text(value));

    [Fact]
    public void Cell_NumbersAreWrittenInvariantAndUnaltered()
    {
        var before = CultureInfo.CurrentCulture;
        // A culture with a decimal comma: the file must not follow it.
        CultureInfo.CurrentCulture = new CultureInfo("es-ES");
        try
        {
            Assert.Equal("-5", CsvFile.Cell(-5));
            Assert.Equal("-1234.50", CsvFile.Cell(-1234.50m));
            Assert.Equal("1234567", CsvFile.Cell(1234567L));
            Assert.Equal("0.1", CsvFile.Cell(0.1));
            Assert.Equal("2025-03-01", CsvFile.Cell(new DateOnly(2025, 3, 1)));
            Assert.Equal("", CsvFile.Cell(null));
        }
        finally
        {
            CultureInfo.CurrentCulture = before;
        }
    }

    [Fact]
    public void AddRow_WithTheWrongNumberOfCells_Throws()
    {
        var csv = new CsvFile("a", "b");

        Assert.Throws<ArgumentException>(() => csv.AddRow("solo uno"));
    }
}
