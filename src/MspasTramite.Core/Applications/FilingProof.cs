using System.Globalization;
using MspasTramite.Core.Identifiers;
using MspasTramite.Core.Pdf;
using MspasTramite.Core.Procedures;

namespace MspasTramite.Core.Applications;

/// The proof of filing ("constancia de presentación"): what was submitted, when, and what is owed.
public static class FilingProof
{
    public static byte[] Build(Application application, string applicantName, string? applicantCui)
    {
        ArgumentNullException.ThrowIfNull(application);
        if (application.FileNumber is null || application.SubmittedAt is null)
        {
            throw new InvalidOperationException("Only a submitted application has a proof of filing.");
        }

        var version = application.ProcedureVersion;
        using var pdf = new PdfDocumentWriter($"Constancia de presentación {application.FileNumber}");
        pdf.Header(PdfDocumentWriter.Ministry, "Trámites en línea");
        pdf.Title("Constancia de presentación de solicitud");
        pdf.Field("Expediente", application.FileNumber);
        pdf.Field("Presentada", GuatemalaTime.Format(application.SubmittedAt.Value) + " (hora de Guatemala)");
        pdf.Field("Trámite", $"{version.Name} (versión {version.Number.ToString(CultureInfo.InvariantCulture)})");
        pdf.Field("Dependencia", version.Procedure.Department.ToString());
        pdf.Field("Plazo legal", $"{version.LegalTimeDays.ToString(CultureInfo.InvariantCulture)} días {(version.LegalTimeUnit == LegalTimeUnit.WorkingDays ? "hábiles" : "calendario")}, contados desde el pago");

        pdf.Heading("Solicitante");
        pdf.Field("Nombre", applicantName);
        pdf.Field("CUI", applicantCui);
        if (application.ApplicantKind == ApplicantKind.Company)
        {
            pdf.Field("Empresa", application.CompanyName);
            pdf.Field("NIT", application.CompanyNit);
            pdf.Field("Representante legal", application.LegalRepresentative);
        }

        pdf.Heading("Establecimiento");
        pdf.Field("Nombre", application.EstablishmentName);
        pdf.Field("Dirección", application.EstablishmentAddress);
        pdf.Field("Municipio", GuatemalaGeography.PlaceName(application.DepartmentCode, application.MunicipalityCode));
        pdf.Field("Teléfono", application.EstablishmentPhone);
        if (version.ProfessionalTitle is not null)
        {
            pdf.Field("Profesional", $"{application.ProfessionalName} — colegiado {application.ProfessionalColegiado} ({version.ProfessionalTitle})");
        }

        pdf.Heading("Arancel");
        var category = version.Categories.FirstOrDefault(c => c.Code == application.CategoryCode);
        if (category is not null)
        {
            pdf.Field("Categoría", $"{category.Name}: {Fees.Format(category.Amount)}");
        }

        foreach (var extra in version.ExtraFees.Where(e => application.ExtraFeeCodes.Contains(e.Code)))
        {
            pdf.Field("Adicional", $"{extra.Name}: {Fees.Format(extra.Amount)}");
        }

        pdf.Field("Total a pagar", application.FeeAmount is decimal fee ? $"{Fees.Format(fee)} (GTQ)" : null);
        pdf.Paragraph("El plazo legal corre desde que el pago se confirma. Pague en línea desde «Mis solicitudes».");

        pdf.Heading("Documentos presentados");
        foreach (var requirement in version.RequirementsFor(application.ApplicantKind))
        {
            var files = application.Documents.Where(x => x.RequirementCode == requirement.Code).ToList();
            if (requirement.SatisfiedByIdentifier is not null && files.Count == 0)
            {
                pdf.Bullet($"{requirement.Name}: verificado con el {requirement.SatisfiedByIdentifier.ToUpperInvariant()} registrado.");
                continue;
            }

            foreach (var file in files)
            {
                pdf.Bullet($"{requirement.Name}: {file.FileName} ({FormatSize(file.Size)}, SHA-256 {file.Sha256[..16]}…)");
            }
        }

        pdf.Paragraph("");
        pdf.Paragraph("Conforme al Decreto 5-2021, no se le pedirá presentar de nuevo documentos que el MSPAS ya tiene, y cualquier falta se le notificará una sola vez.", isSmall: true);
        return pdf.ToArray();
    }

    public static string FormatSize(long bytes) => bytes switch
    {
        < 1024 => $"{bytes.ToString(CultureInfo.InvariantCulture)} B",
        < 1024 * 1024 => $"{(bytes / 1024.0).ToString("0.#", CultureInfo.InvariantCulture)} KB",
        _ => $"{(bytes / 1024.0 / 1024.0).ToString("0.#", CultureInfo.InvariantCulture)} MB",
    };
}
