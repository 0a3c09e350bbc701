using MspasTramite.Core.Identifiers;
using MspasTramite.Core.Procedures;

namespace MspasTramite.Core.Applications;

/// The steps of the application form. Which ones apply depends on the procedure version.
public enum ApplicationStep
{
    Applicant,
    Establishment,
    Professional,
    Fee,
    Documents,
    Review,
}

public sealed record MissingItem(ApplicationStep Step, string Message);

/// What an application still lacks before it can be submitted. The messages are Spanish resource
/// keys; the page translates them.
public static class ApplicationChecklist
{
    public static IReadOnlyList<ApplicationStep> StepsFor(ProcedureVersion version)
    {
        ArgumentNullException.ThrowIfNull(version);
        var steps = new List<ApplicationStep> { ApplicationStep.Applicant, ApplicationStep.Establishment };
        if (version.ProfessionalTitle is not null)
        {
            steps.Add(ApplicationStep.Professional);
        }

        if (version.HasCategories || version.ExtraFees.Count > 0)
        {
            steps.Add(ApplicationStep.Fee);
        }

        steps.Add(ApplicationStep.Documents);
        steps.Add(ApplicationStep.Review);
        return steps;
    }

    public static IReadOnlyList<MissingItem> Missing(Application application, bool applicantHasNit)
    {
        ArgumentNullException.ThrowIfNull(application);
        var version = application.ProcedureVersion;
        var missing = new List<MissingItem>();
        if (application.ApplicantKind is null)
        {
            missing.Add(new(ApplicationStep.Applicant, "Indique si presenta la solicitud como persona o como empresa."));
        }
        else if (application.ApplicantKind == ApplicantKind.Company && (string.IsNullOrWhiteSpace(application.CompanyName) || string.IsNullOrWhiteSpace(application.CompanyNit)))
        {
            missing.Add(new(ApplicationStep.Applicant, "Complete el nombre y el NIT de la empresa."));
        }

        if (string.IsNullOrWhiteSpace(application.EstablishmentName) || string.IsNullOrWhiteSpace(application.EstablishmentAddress)
            || application.DepartmentCode is null || application.MunicipalityCode is null
            || GuatemalaGeography.FindMunicipality(application.DepartmentCode.Value, application.MunicipalityCode.Value) is null)
        {
            missing.Add(new(ApplicationStep.Establishment, "Complete los datos del establecimiento."));
        }

        if (version.ProfessionalTitle is not null && (string.IsNullOrWhiteSpace(application.ProfessionalName) || string.IsNullOrWhiteSpace(application.ProfessionalColegiado)))
        {
            missing.Add(new(ApplicationStep.Professional, "Complete los datos del profesional responsable."));
        }

        if (version.HasCategories && version.Categories.All(c => c.Code != application.CategoryCode))
        {
            missing.Add(new(ApplicationStep.Fee, "Elija la categoría del establecimiento."));
        }

        foreach (var requirement in version.RequirementsFor(application.ApplicantKind).Where(r => r.Required && r.SatisfiedByIdentifier is null))
        {
            if (application.Documents.All(d => d.RequirementCode != requirement.Code))
            {
                missing.Add(new(ApplicationStep.Documents, requirement.Name));
            }
        }

        // The RTU stands in for an upload only when the account has a NIT to check it by.
        foreach (var requirement in version.RequirementsFor(application.ApplicantKind).Where(r => r.SatisfiedByIdentifier == "Nit" && !applicantHasNit))
        {
            if (application.Documents.All(d => d.RequirementCode != requirement.Code))
            {
                missing.Add(new(ApplicationStep.Documents, requirement.Name));
            }
        }

        return missing;
    }
}
