using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using MspasTramite.Core.Applications;
using MspasTramite.Core.Data;
using MspasTramite.Web.Infrastructure;

namespace MspasTramite.Web.Pages.Finance;

public sealed class ExportModel(AppDbContext db, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public PaymentFilter Filter { get; set; } = new();

    public async Task<IActionResult> OnGetAsync()
    {
        var rows = await Filter.RunAsync(db, 100_000);
        var csv = new CsvFile("fecha_pago", "expediente", "tramite", "dependencia", "comprobante", "estado", "monto_gtq", "reembolsado_gtq", "nota");
        foreach (var r in rows)
        {
            csv.AddRow(
                GuatemalaTime.ToLocal(r.PaidAt).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
                r.FileNumber, r.Procedure, r.Department.ToString(), r.Receipt, r.Status.ToString(),
                // Two decimals always: SQLite gives back 500.0 for a stored 500.00.
                Money(r.Amount), Money(r.Refunded), r.Note);
        }

        return csv.ToResult($"pagos-{clock.GetUtcNow():yyyyMMdd-HHmm}.csv");
    }

    private static string Money(decimal amount) => amount.ToString("0.00", CultureInfo.InvariantCulture);
}
