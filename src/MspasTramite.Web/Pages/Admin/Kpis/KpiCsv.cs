using Microsoft.AspNetCore.Mvc;
using MspasTramite.Core.Performance;
using MspasTramite.Web.Infrastructure;
using MspasTramite.Web.Pages.Backoffice;

namespace MspasTramite.Web.Pages.Admin.Kpis;

/// Each table of the dashboard as a CSV file with the same figures (rates as fractions, money in
/// quetzales, durations in working days or hours), for the product manager's own analysis.
public static class KpiCsv
{
    public static readonly IReadOnlyList<string> Tables = ["indicadores", "plazos", "esperas", "embudo", "pagos", "comentarios"];

    public static FileContentResult? For(KpiReport report, string table, IndexModel page)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(page);
        var csv = table switch
        {
            "indicadores" => Figures(report),
            "plazos" => Promise(report),
            "esperas" => Waits(report),
            "embudo" => Funnel(report),
            "pagos" => Payments(report),
            "comentarios" => Comments(report),
            _ => null,
        };
        var scope = string.IsNullOrEmpty(page.Tramite) ? "todos" : page.Tramite;
        return csv?.ToResult($"indicadores-{table}-{scope}-{IndexModel.Iso(report.Period.From)}-{IndexModel.Iso(report.Period.To)}.csv");
    }

    private static CsvFile Figures(KpiReport r)
    {
        var csv = new CsvFile("indicador", "periodo", "periodo_anterior");
        void Row(string name, decimal? now, decimal? before) => csv.AddRow(name, KpiFormat.Csv(now), KpiFormat.Csv(before));
        Row("iniciadas", r.Current.Started, r.Previous.Started);
        Row("presentadas", r.Current.Submitted, r.Previous.Submitted);
        Row("pagadas", r.Current.Paid, r.Previous.Paid);
        Row("tasa_finalizacion", r.Current.CompletionRate, r.Previous.CompletionRate);
        Row("tasa_presentacion", r.Current.SubmissionRate, r.Previous.SubmissionRate);
        Row("no_digitales", r.Current.NonDigitalMissing ? null : r.Current.NonDigital, r.Previous.NonDigitalMissing ? null : r.Previous.NonDigital);
        Row("adopcion_digital", r.Current.DigitalTakeUp, r.Previous.DigitalTakeUp);
        Row("respuestas_encuesta", r.Current.SurveyAnswers, r.Previous.SurveyAnswers);
        Row("satisfaccion", r.Current.Satisfaction, r.Previous.Satisfaction);
        Row("costo_operacion_gtq", r.Current.OperatingCost, r.Previous.OperatingCost);
        Row("comisiones_pasarela_gtq", r.Current.GatewayFees, r.Previous.GatewayFees);
        Row("costo_por_transaccion_gtq", r.Current.CostPerTransaction, r.Previous.CostPerTransaction);
        Row("horas_personal_por_expediente", r.Current.OfficerHoursPerFile, r.Previous.OfficerHoursPerFile);
        Row("costo_personal_por_expediente_gtq", r.OfficerCostPerFile(r.Current), r.OfficerCostPerFile(r.Previous));
        Row("resueltas", r.Current.Decided, r.Previous.Decided);
        Row("dentro_del_plazo", r.Current.InTimeShare, r.Previous.InTimeShare);
        Row("mediana_dias_habiles", r.Current.ProcessingMedian, r.Previous.ProcessingMedian);
        Row("p90_dias_habiles", r.Current.ProcessingP90, r.Previous.ProcessingP90);
        Row("ingresos_gtq", r.Current.Revenue, r.Previous.Revenue);
        Row("reembolsado_gtq", r.Current.RefundedAmount, r.Previous.RefundedAmount);
        return csv;
    }

    private static CsvFile Promise(KpiReport r)
    {
        var csv = new CsvFile("tramite", "plazo_legal", "unidad", "resueltas", "mediana", "p90", "dentro_del_plazo", "vencidos_ahora");
        foreach (var p in r.Promise)
        {
            csv.AddRow(p.Procedure, p.LegalTimeDays, p.LegalTimeUnit == Core.Procedures.LegalTimeUnit.CalendarDays ? "dias_calendario" : "dias_habiles",
                p.Decided, p.Median, p.P90, KpiFormat.Csv(p.InTimeShare), p.OverdueNow);
        }

        return csv;
    }

    private static CsvFile Waits(KpiReport r)
    {
        var csv = new CsvFile("estado", "salieron", "mediana_horas", "p90_horas", "abiertos_ahora");
        foreach (var w in r.Waits)
        {
            csv.AddRow(WorkflowNames.State(w.State), w.Exited, w.MedianHours, w.P90Hours, w.OpenNow);
        }

        return csv;
    }

    private static CsvFile Funnel(KpiReport r)
    {
        var csv = new CsvFile("paso", "llegaron", "guardaron", "se_quedaron", "abandono");
        foreach (var f in r.Funnel)
        {
            csv.AddRow(KpiFormat.StepName(f.Step), f.Reached, f.Saved, f.LeftHere, KpiFormat.Csv(f.DropOff));
        }

        return csv;
    }

    private static CsvFile Payments(KpiReport r)
    {
        var csv = new CsvFile("dia", "pagos", "ingresos_gtq", "pagos_no_completados", "monto_distinto", "duplicados", "reembolsos", "reembolsado_gtq");
        foreach (var d in r.Payments)
        {
            csv.AddRow(IndexModel.Iso(d.Day), d.Paid, KpiFormat.Csv(d.Revenue), d.ExpiredAttempts, d.MismatchedPayments, d.DuplicatePayments, d.Refunds, KpiFormat.Csv(d.RefundedAmount));
        }

        return csv;
    }

    private static CsvFile Comments(KpiReport r)
    {
        var csv = new CsvFile("dia", "tramite", "calificacion", "comentario");
        foreach (var c in r.Comments)
        {
            csv.AddRow(IndexModel.Iso(c.Day), c.Procedure, c.Rating, c.Text);
        }

        return csv;
    }
}
