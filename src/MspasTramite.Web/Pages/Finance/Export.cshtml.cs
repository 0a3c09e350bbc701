using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using MspasTramite.Core.Applications;
using MspasTramite.Core.Data;

namespace MspasTramite.Web.Pages.Finance;

public sealed class ExportModel(AppDbContext db) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public PaymentFilter Filter { get; set; } = new();

    public async Task<IActionResult> OnGetAsync()
    {
        var rows = await Filter.RunAsync(db, 100_000);
        var csv = new StringBuilder();
        csv.AppendLine("fecha_pago,expediente,tramite,dependencia,comprobante,estado,monto_gtq,reembolsado_gtq,nota");
        foreach (var r in rows)
        {
            csv.AppendJoin(',',
                Cell(GuatemalaTime.ToLocal(r.PaidAt).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)),
                Cell(r.FileNumber), Cell(r.Procedure), Cell(r.Department.ToString()), Cell(r.Receipt), Cell(r.Status.ToString()),
                Cell(r.Amount.ToString("0.00", CultureInfo.InvariantCulture)), Cell(r.Refunded.ToString("0.00", CultureInfo.InvariantCulture)), Cell(r.Note));
            csv.AppendLine();
        }

        // UTF-8 with a byte-order mark so spreadsheet programs read the accents right.
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(csv.ToString())).ToArray();
        return File(bytes, "text/csv; charset=utf-8", $"pagos-{DateTime.UtcNow:yyyyMMdd-HHmm}.csv");
    }

    /// RFC 4180 quoting; a leading = + - @ is neutralised so a spreadsheet never runs it as a formula.
    public static string Cell(string? value)
    {
        var v = value ?? "";
        if (v.Length > 0 && v[0] is '=' or '+' or '-' or '@' && !decimal.TryParse(v, NumberStyles.Number, CultureInfo.InvariantCulture, out _))
        {
            v = "'" + v;
        }

        return v.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + v.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : v;
    }
}
