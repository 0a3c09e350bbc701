using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using MspasTramite.Core.Applications;
using MspasTramite.Core.Data;
using MspasTramite.Core.Identity;
using MspasTramite.Core.Payments;
using MspasTramite.Core.Procedures;

namespace MspasTramite.Web.Pages.Finance;

public sealed class PaymentModel(AppDbContext db, PaymentService payments, UserManager<ApplicationUser> users, IStringLocalizer<SharedResource> l) : PageModel
{
    public PaymentAttempt Attempt { get; private set; } = null!;
    public Application Application { get; private set; } = null!;
    public Receipt? Receipt { get; private set; }
    public IReadOnlyList<Refund> Refunds { get; private set; } = [];

    [BindProperty]
    public RefundInput Input { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(Guid id) => await LoadAsync(id) ? Page() : NotFound();

    public async Task<IActionResult> OnPostRefundAsync(Guid id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }

        decimal amount = 0;
        if (!decimal.TryParse(Input.Amount?.Replace("Q", "", StringComparison.OrdinalIgnoreCase).Replace(",", "", StringComparison.Ordinal).Trim(), NumberStyles.Number, CultureInfo.InvariantCulture, out amount) || amount <= 0 || decimal.Round(amount, 2) != amount)
        {
            ModelState.AddModelError("Input.Amount", l["Escriba un monto mayor que cero, con hasta dos decimales, por ejemplo 250.00."]);
        }
        else if (amount > Attempt.Refundable)
        {
            ModelState.AddModelError("Input.Amount", l["El monto supera lo que queda por reembolsar ({0}).", Fees.Format(Attempt.Refundable)]);
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        try
        {
            await payments.RefundAsync(Attempt.Id, amount, Input.Reason!.Trim(), users.GetUserId(User)!);
        }
        catch (RefundRefusedException)
        {
            ModelState.AddModelError("Input.Amount", l["La pasarela rechazó el reembolso: el monto supera lo que queda por reembolsar."]);
            await LoadAsync(id);
            return Page();
        }
        catch (PaymentGatewayException)
        {
            ModelState.AddModelError(string.Empty, l["No pudimos conectar con la pasarela de pago. No se hizo ningún reembolso. Intente de nuevo en unos minutos."]);
            return Page();
        }

        TempData["Notice"] = l["Reembolso de {0} registrado.", Fees.Format(amount)].Value;
        return Redirect($"/finanzas/pagos/{id}");
    }

    private async Task<bool> LoadAsync(Guid id)
    {
        var attempt = await db.PaymentAttempts.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id);
        if (attempt is null)
        {
            return false;
        }

        Attempt = attempt;
        Application = await db.Applications.AsNoTracking().Include(a => a.ProcedureVersion).SingleAsync(a => a.Id == attempt.ApplicationId);
        Receipt = await db.Receipts.AsNoTracking().FirstOrDefaultAsync(r => r.PaymentAttemptId == id);
        Refunds = await db.Refunds.AsNoTracking().Where(r => r.PaymentAttemptId == id).OrderBy(r => r.CreatedAt).ToListAsync();
        return true;
    }

    public sealed class RefundInput
    {
        public string? Amount { get; set; }

        [Required(ErrorMessage = "Escriba el motivo del reembolso.")]
        [StringLength(500, ErrorMessage = "El motivo puede tener como máximo {1} caracteres.")]
        [DataType(DataType.MultilineText)]
        public string? Reason { get; set; }
    }
}
