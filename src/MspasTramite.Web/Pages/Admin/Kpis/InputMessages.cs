using System.Globalization;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Localization;
using MspasTramite.Core.Performance;
using MspasTramite.Core.Procedures;

namespace MspasTramite.Web.Pages.Admin.Kpis;

/// The words for what PerformanceInputs refuses, shared by the product manager's input pages.
public static class InputMessages
{
    /// Each problem beside its field (Input.Month, …) and in the error summary.
    public static void AddTo(ModelStateDictionary modelState, PerformanceInputResult result, IStringLocalizer l, DateOnly currentMonth)
    {
        ArgumentNullException.ThrowIfNull(modelState);
        ArgumentNullException.ThrowIfNull(result);
        foreach (var problem in result.Problems)
        {
            modelState.AddModelError("Input." + problem.Field, Message(l, problem, currentMonth));
        }
    }

    public static string Message(IStringLocalizer l, PerformanceInputProblem problem, DateOnly currentMonth)
    {
        ArgumentNullException.ThrowIfNull(l);
        ArgumentNullException.ThrowIfNull(problem);
        return (problem.Field, problem.Error) switch
        {
            (PerformanceInputField.Procedure, PerformanceInputError.Missing) => l["Elija el trámite."],
            (PerformanceInputField.Procedure, _) => l["Elija un trámite de la lista."],
            (PerformanceInputField.Month, PerformanceInputError.Missing) => l["Escriba el mes, por ejemplo 2025-03."],
            (PerformanceInputField.Month, PerformanceInputError.MonthTooEarly) => l["Escriba un mes desde {0}: el servicio en línea empezó entonces.", PerformanceInputs.FormatMonth(PerformanceInputs.FirstMonth)],
            (PerformanceInputField.Month, PerformanceInputError.MonthInFuture) => l["Escriba un mes que ya haya empezado: el último es {0}.", PerformanceInputs.FormatMonth(currentMonth)],
            (PerformanceInputField.Month, _) => l["Escriba el mes con el formato AAAA-MM, por ejemplo 2025-03."],
            (PerformanceInputField.Count, PerformanceInputError.Missing) => l["Escriba el número de solicitudes."],
            (PerformanceInputField.Count, PerformanceInputError.Negative) => l["El número de solicitudes no puede ser negativo."],
            (PerformanceInputField.Count, PerformanceInputError.TooLarge) => l["Escriba un número de solicitudes de {0} o menos.", PerformanceInputs.MaxCount.ToString("#,##0", CultureInfo.InvariantCulture)],
            (PerformanceInputField.Count, _) => l["Escriba el número de solicitudes como un número entero, por ejemplo 120."],
            (PerformanceInputField.Amount, PerformanceInputError.Missing) => l["Escriba el costo de operación del mes."],
            (PerformanceInputField.Amount, PerformanceInputError.Negative) => l["El costo no puede ser negativo."],
            (PerformanceInputField.Amount, PerformanceInputError.TooPrecise) => l["Escriba el costo con dos decimales como máximo."],
            (PerformanceInputField.Amount, PerformanceInputError.TooLarge) => l["Escriba un costo de {0} o menos.", Fees.Format(PerformanceInputs.MaxAmount)],
            (PerformanceInputField.Amount, _) => l["Escriba el costo en quetzales con punto decimal, por ejemplo 125000.50."],
            _ => throw new ArgumentOutOfRangeException(nameof(problem), problem, "no message for this problem"),
        };
    }

    /// A month as people read it: "marzo de 2025".
    public static string MonthName(IStringLocalizer l, DateOnly month)
    {
        ArgumentNullException.ThrowIfNull(l);
        return l["{0} de {1}", month.ToString("MMMM", CultureInfo.CurrentCulture), month.Year];
    }
}
