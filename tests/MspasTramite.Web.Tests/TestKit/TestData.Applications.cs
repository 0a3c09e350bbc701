using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MspasTramite.Core.Applications;
using MspasTramite.Core.Data;
using MspasTramite.Core.Procedures;

namespace MspasTramite.Web.Tests.TestKit;

/// The slugs of the four seeded procedures (ProcedureCatalogueSeed).
public static class ProcedureSlugs
{
    /// DRCPFA; its fee is not published yet, so it can be prepared but not submitted.
    public const string Pharmacy = "licencia-sanitaria-farmacia";

    /// DRCA; Q250 plus an optional laboratory analysis of Q1,640; no professional step.
    public const string ProcessedFood = "registro-sanitario-alimento-procesado";

    /// DRCA; Q500; professional step, no fee step.
    public const string FoodFactory = "licencia-sanitaria-fabrica-alimentos";

    /// DRACES; the fee depends on the category (Q90–Q5,400): every step of the form.
    public const string HealthEstablishment = "licencia-sanitaria-establecimiento-salud";
}

/// What <see cref="TestData.CreateApplicationAsync"/> makes: which procedure, who applies, and how far
/// the form is filled. The default is a person's food-factory application with every step and
/// every required document, still a draft.
public sealed record ApplicationSpec
{
    public string Procedure { get; init; } = ProcedureSlugs.FoodFactory;
    public ApplicantKind Kind { get; init; } = ApplicantKind.Person;

    /// The last step saved (steps the procedure does not have are skipped); null leaves a new, empty draft.
    /// Documents means every required document is uploaded.
    public ApplicationStep? FilledThrough { get; init; } = ApplicationStep.Documents;

    public string Category { get; init; } = "clinica-individual";
    public IReadOnlyList<string> Extras { get; init; } = [];

    /// Submitted through the service (file number, frozen fee), as the review page does.
    public bool Submitted { get; init; }
}

public sealed record TestApplication(Guid Id, TestAccount Owner, string? FileNumber, IReadOnlyList<ApplicationDocument> Documents)
{
    public string Url => $"/mis-solicitudes/{Id}";

    public ApplicationDocument Document(string requirementCode) => Documents.First(d => d.RequirementCode == requirementCode);
}

public static partial class TestData
{
    public const string CompanyName = "Alimentos del Valle, S.A.";
    public const string CompanyNit = "576937-K";
    public const string LegalRepresentative = "Ana Representante Legal";
    public const string EstablishmentName = "Planta La Ceiba";
    public const string EstablishmentAddress = "4a. avenida 5-20, zona 1";
    public const int DepartmentCode = 1; // Guatemala
    public const int MunicipalityCode = 8; // Mixco
    public const string EstablishmentPhone = "22223333";
    public const string ProfessionalName = "Lucía Méndez Orellana";
    public const string ProfessionalColegiado = "12345";

    /// An application made straight through ApplicationService, the way the pages make it, for tests
    /// whose subject is one page: they need the earlier steps done, not done again through the forms.
    public static async Task<TestApplication> CreateApplicationAsync(MspasAppFactory app, TestAccount applicant, ApplicationSpec? spec = null)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(applicant);
        spec ??= new ApplicationSpec();
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var service = scope.ServiceProvider.GetRequiredService<ApplicationService>();
        var user = await db.Users.SingleAsync(u => u.Email == applicant.Email);
        var version = await service.PublishedVersionAsync(spec.Procedure)
            ?? throw new InvalidOperationException($"No published procedure «{spec.Procedure}».");
        var application = await service.CreateDraftAsync(user.Id, version);
        bool Filled(ApplicationStep step) => spec.FilledThrough is { } last && step <= last;

        if (Filled(ApplicationStep.Applicant))
        {
            application.ApplicantKind = spec.Kind;
            if (spec.Kind == ApplicantKind.Company)
            {
                application.CompanyName = CompanyName;
                application.CompanyNit = CompanyNit;
                application.LegalRepresentative = LegalRepresentative;
            }
        }

        if (Filled(ApplicationStep.Establishment))
        {
            application.EstablishmentName = EstablishmentName;
            application.EstablishmentAddress = EstablishmentAddress;
            application.DepartmentCode = DepartmentCode;
            application.MunicipalityCode = MunicipalityCode;
            application.EstablishmentPhone = EstablishmentPhone;
        }

        if (Filled(ApplicationStep.Professional) && version.ProfessionalTitle is not null)
        {
            application.ProfessionalName = ProfessionalName;
            application.ProfessionalColegiado = ProfessionalColegiado;
        }

        if (Filled(ApplicationStep.Fee))
        {
            application.CategoryCode = version.HasCategories ? spec.Category : null;
            application.ExtraFeeCodes = [.. spec.Extras];
        }

        await service.SaveAsync(application);

        if (Filled(ApplicationStep.Documents))
        {
            foreach (var requirement in version.RequirementsFor(application.ApplicantKind).Where(r => r.Required && r.SatisfiedByIdentifier is null))
            {
                var file = TestFiles.Pdf($"{requirement.Code}.pdf");
                using var content = new MemoryStream(file.Content);
                var (document, problem) = await service.AddDocumentAsync(application, requirement, file.FileName, content, user.Id);
                Assert.True(document is not null, $"The test document for «{requirement.Code}» was refused: {problem}.");
            }
        }

        if (spec.Submitted)
        {
            var (outcome, missing) = await service.SubmitAsync(application, !string.IsNullOrEmpty(user.Nit), user.Id);
            Assert.True(outcome == SubmitOutcome.Submitted,
                $"The test application was not submitted: {outcome} {string.Join("; ", missing.Select(m => m.Message))}");
        }

        return new TestApplication(application.Id, applicant, application.FileNumber, [.. application.Documents]);
    }
}
