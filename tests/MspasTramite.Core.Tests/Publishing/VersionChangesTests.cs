using System.Reflection;
using MspasTramite.Core.Procedures;
using MspasTramite.Core.Publishing;

namespace MspasTramite.Core.Tests.Publishing;

public class VersionChangesTests
{
    [Fact]
    public void Between_IdenticalVersions_IsEmpty()
    {
        var v = Version();

        Assert.Empty(VersionChanges.Between(v, v));
        Assert.Empty(VersionChanges.Between(Version(), Version()));
    }

    [Fact]
    public void Between_TextsDifferingOnlyInLineEndingsBlanksOrNullVersusEmpty_IsEmpty()
    {
        var before = Version(v =>
        {
            v.Description = "Primera línea\nSegunda línea";
            v.FeeNote = null;
        });
        var after = Version(v =>
        {
            v.Description = "Primera línea\r\nSegunda línea\r\n";
            v.FeeNote = "";
            v.Requirements[0].Name = " Patente de comercio ";
            v.Steps[1] = v.Steps[1] + " ";
        });

        Assert.Empty(VersionChanges.Between(before, after));
    }

    [Theory]
    [InlineData(ChangeKind.WhoMayApplyChanged, "Both", "CompaniesOnly")]
    [InlineData(ChangeKind.FeeChanged, "Q500.00", "Q1,250.00")]
    [InlineData(ChangeKind.LegalTimeChanged, "30 WorkingDays", "20 CalendarDays")]
    [InlineData(ChangeKind.InspectionChanged, "true", "false")]
    [InlineData(ChangeKind.ProfessionalChanged, "Químico farmacéutico", null)]
    [InlineData(ChangeKind.LicenceValidityChanged, "5", "0")]
    [InlineData(ChangeKind.OutputDocumentChanged, "Licencia sanitaria", "Constancia de registro")]
    [InlineData(ChangeKind.NameChanged, "Licencia sanitaria de farmacia", "Licencia de farmacia")]
    [InlineData(ChangeKind.SummaryChanged, "Para abrir una farmacia.", "Para abrir o trasladar una farmacia.")]
    [InlineData(ChangeKind.DescriptionChanged, "La **licencia** autoriza.", "La licencia autoriza a vender.")]
    [InlineData(ChangeKind.FeeNoteChanged, null, "Se paga en línea.")]
    [InlineData(ChangeKind.LegalBasisChanged, "Decreto 90-97", "Decreto 90-97, art. 130")]
    public void Between_ProcedureFieldChanged_IsOneChangeWithBeforeAndAfter(ChangeKind kind, string? before, string? after)
    {
        var changes = VersionChanges.Between(Version(), Version(Edit(kind)));

        Assert.Equal([new VersionChange(kind, null, before, after)], changes);
    }

    private static Action<ProcedureVersion> Edit(ChangeKind kind) => kind switch
    {
        ChangeKind.WhoMayApplyChanged => v => v.WhoMayApply = WhoMayApply.CompaniesOnly,
        ChangeKind.FeeChanged => v => v.FixedFee = 1250m,
        ChangeKind.LegalTimeChanged => v => (v.LegalTimeDays, v.LegalTimeUnit) = (20, LegalTimeUnit.CalendarDays),
        ChangeKind.InspectionChanged => v => v.RequiresInspection = false,
        ChangeKind.ProfessionalChanged => v => v.ProfessionalTitle = null,
        ChangeKind.LicenceValidityChanged => v => v.LicenceValidityYears = 0,
        ChangeKind.OutputDocumentChanged => v => v.OutputDocument = "Constancia de registro",
        ChangeKind.NameChanged => v => v.Name = "Licencia de farmacia",
        ChangeKind.SummaryChanged => v => v.Summary = "Para abrir o trasladar una farmacia.",
        ChangeKind.DescriptionChanged => v => v.Description = "La licencia autoriza a vender.",
        ChangeKind.FeeNoteChanged => v => v.FeeNote = "Se paga en línea.",
        ChangeKind.LegalBasisChanged => v => v.LegalBasis = "Decreto 90-97, art. 130",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    [Fact]
    public void Between_RequirementAdded_IsReportedWithItsNameAndCode()
    {
        var after = Version(v => v.Requirements.Insert(1, Requirement("croquis", "Croquis del local")));

        Assert.Equal(
            [new VersionChange(ChangeKind.RequirementAdded, "Croquis del local", null, null) { Code = "croquis" }],
            VersionChanges.Between(Version(), after));
    }

    [Fact]
    public void Between_RequirementRemoved_IsReportedWithItsOldName()
    {
        var after = Version(v => v.Requirements.RemoveAll(r => r.Code == "dpi"));

        Assert.Equal(
            [new VersionChange(ChangeKind.RequirementRemoved, "DPI del propietario", null, null) { Code = "dpi" }],
            VersionChanges.Between(Version(), after));
    }

    [Fact]
    public void Between_RequirementRenamedWithSameCode_IsChangedNotAddedAndRemoved()
    {
        var after = Version(v => v.Requirements[0].Name = "Patente de comercio y de sociedad");

        Assert.Equal(
            [
                new VersionChange(ChangeKind.RequirementChanged, "Patente de comercio y de sociedad", "Patente de comercio", "Patente de comercio y de sociedad")
                {
                    Code = "patente",
                    Aspects = ChangedAspects.Name,
                },
            ],
            VersionChanges.Between(Version(), after));
    }

    [Fact]
    public void Between_RequirementReplacedByAnotherCode_IsRemovedAndAdded()
    {
        // Same name, new code: documents filed under the old code do not answer the new requirement.
        var after = Version(v =>
        {
            v.Requirements.RemoveAll(r => r.Code == "dpi");
            v.Requirements.Add(Requirement("dpi-representante", "DPI del propietario"));
        });

        Assert.Equal(
            [
                new VersionChange(ChangeKind.RequirementAdded, "DPI del propietario", null, null) { Code = "dpi-representante" },
                new VersionChange(ChangeKind.RequirementRemoved, "DPI del propietario", null, null) { Code = "dpi" },
            ],
            VersionChanges.Between(Version(), after));
    }

    [Theory]
    [InlineData(ChangedAspects.Description)]
    [InlineData(ChangedAspects.LegalBasis)]
    [InlineData(ChangedAspects.Condition)]
    [InlineData(ChangedAspects.NowOptional)]
    [InlineData(ChangedAspects.MaxFiles)]
    [InlineData(ChangedAspects.SatisfiedByIdentifier)]
    [InlineData(ChangedAspects.Reusable)]
    public void Between_RequirementAspectChanged_NamesTheAspect(ChangedAspects aspect)
    {
        var after = Version(v =>
        {
            var r = v.Requirements.Single(r => r.Code == "dpi");
            switch (aspect)
            {
                case ChangedAspects.Description: r.Description = "Copia legible de ambos lados."; break;
                case ChangedAspects.LegalBasis: r.LegalBasis = "Decreto 5-2021, art. 6"; break;
                case ChangedAspects.Condition: r.Condition = RequirementCondition.PersonsOnly; break;
                case ChangedAspects.NowOptional: r.Required = false; break;
                case ChangedAspects.MaxFiles: r.MaxFiles = 1; break;
                case ChangedAspects.SatisfiedByIdentifier: r.SatisfiedByIdentifier = null; break;
                case ChangedAspects.Reusable: r.Reusable = false; break;
                default: throw new ArgumentOutOfRangeException(nameof(aspect));
            }
        });

        Assert.Equal(
            [new VersionChange(ChangeKind.RequirementChanged, "DPI del propietario", null, null) { Code = "dpi", Aspects = aspect }],
            VersionChanges.Between(Version(), after));
    }

    [Fact]
    public void Between_RequirementMadeRequired_SaysNowRequired()
    {
        var before = Version(v => v.Requirements[0].Required = false);

        var change = Assert.Single(VersionChanges.Between(before, Version()));

        Assert.Equal(ChangedAspects.NowRequired, change.Aspects);
    }

    [Fact]
    public void Between_RequirementChangedInSeveralWays_IsOneChangeWithEveryAspect()
    {
        var after = Version(v =>
        {
            v.Requirements[0].Name = "Patente";
            v.Requirements[0].Description = "Vigente.";
            v.Requirements[0].MaxFiles = 5;
        });

        var change = Assert.Single(VersionChanges.Between(Version(), after));

        Assert.Equal(ChangedAspects.Name | ChangedAspects.Description | ChangedAspects.MaxFiles, change.Aspects);
        Assert.Equal(("Patente de comercio", "Patente"), (change.Before, change.After));
    }

    [Fact]
    public void Between_FixedFeeToCategories_ReportsTheFeeAndEachCategory()
    {
        var after = Version(v =>
        {
            v.FixedFee = null;
            v.Categories = [Category("pequena", "Farmacia pequeña", 300m), Category("grande", "Farmacia grande", 1500m)];
        });

        Assert.Equal(
            [
                new VersionChange(ChangeKind.FeeChanged, null, "Q500.00", VersionChange.FeeByCategory),
                new VersionChange(ChangeKind.CategoryAdded, "Farmacia pequeña", null, "Q300.00") { Code = "pequena" },
                new VersionChange(ChangeKind.CategoryAdded, "Farmacia grande", null, "Q1,500.00") { Code = "grande" },
            ],
            VersionChanges.Between(Version(), after));
    }

    [Fact]
    public void Between_FeeFromUncertainToPublished_IsFeeChanged()
    {
        var before = Version(v =>
        {
            v.FixedFee = null;
            v.FeeUncertain = true;
        });

        Assert.Equal(
            [new VersionChange(ChangeKind.FeeChanged, null, VersionChange.FeeToBeConfirmed, "Q500.00")],
            VersionChanges.Between(before, Version()));
    }

    [Fact]
    public void Between_FeeMarkedUncertain_IsFeeChangedToBeConfirmed()
    {
        var after = Version(v => v.FeeUncertain = true);

        Assert.Equal(
            [new VersionChange(ChangeKind.FeeChanged, null, "Q500.00", VersionChange.FeeToBeConfirmed)],
            VersionChanges.Between(Version(), after));
    }

    [Fact]
    public void Between_CategoriesEdited_ReportsFeeRenameAndRemoval()
    {
        var before = Version(v =>
        {
            v.FixedFee = null;
            v.Categories = [Category("clinica", "Clínica", 90m), Category("hospital", "Hospital", 5400m), Category("puesto", "Puesto de salud", 50m)];
        });
        var after = Version(v =>
        {
            v.FixedFee = null;
            v.Categories = [Category("clinica", "Clínica individual", 90m), Category("hospital", "Hospital", 6000m)];
        });

        Assert.Equal(
            [
                new VersionChange(ChangeKind.CategoryRemoved, "Puesto de salud", "Q50.00", null) { Code = "puesto" },
                new VersionChange(ChangeKind.CategoryFeeChanged, "Hospital", "Q5,400.00", "Q6,000.00") { Code = "hospital" },
                new VersionChange(ChangeKind.CategoryRenamed, "Clínica individual", "Clínica", "Clínica individual") { Code = "clinica" },
            ],
            VersionChanges.Between(before, after));
    }

    [Fact]
    public void Between_ExtraFeesEdited_ReportsEachKind()
    {
        var before = Version(v => v.ExtraFees.Add(Extra("muestra", "Toma de muestra", 75m, "¿Requiere toma de muestra?")));
        var after = Version(v =>
        {
            v.ExtraFees[0].Amount = 1800m;
            v.ExtraFees[0].Question = "¿El producto es de alto riesgo sanitario?";
            v.ExtraFees.Add(Extra("urgente", "Trámite urgente", 200m, "¿Lo necesita en 5 días?"));
        });

        Assert.Equal(
            [
                new VersionChange(ChangeKind.ExtraFeeAdded, "Trámite urgente", null, "Q200.00") { Code = "urgente" },
                new VersionChange(ChangeKind.ExtraFeeRemoved, "Toma de muestra", "Q75.00", null) { Code = "muestra" },
                new VersionChange(ChangeKind.ExtraFeeAmountChanged, "Análisis de laboratorio", "Q1,640.00", "Q1,800.00") { Code = "analisis" },
                new VersionChange(ChangeKind.ExtraFeeChanged, "Análisis de laboratorio", null, null) { Code = "analisis", Aspects = ChangedAspects.Question },
            ],
            VersionChanges.Between(before, after));
    }

    [Fact]
    public void Between_ExtraFeeRenamed_GivesOldAndNewName()
    {
        var after = Version(v => v.ExtraFees[0].Name = "Análisis de laboratorio (LNS)");

        Assert.Equal(
            [
                new VersionChange(ChangeKind.ExtraFeeChanged, "Análisis de laboratorio (LNS)", "Análisis de laboratorio", "Análisis de laboratorio (LNS)")
                {
                    Code = "analisis",
                    Aspects = ChangedAspects.Name,
                },
            ],
            VersionChanges.Between(Version(), after));
    }

    [Fact]
    public void Between_StepsReordered_IsOneChange()
    {
        var after = Version(v => v.Steps = [v.Steps[2], v.Steps[0], v.Steps[1]]);

        Assert.Equal([new VersionChange(ChangeKind.StepsReordered, null, null, null)], VersionChanges.Between(Version(), after));
    }

    [Fact]
    public void Between_StepInsertedAtTheStart_IsAddedWithoutAReorder()
    {
        var after = Version(v => v.Steps.Insert(0, "Cree su cuenta con su CUI."));

        Assert.Equal([new VersionChange(ChangeKind.StepAdded, "Cree su cuenta con su CUI.", null, null)], VersionChanges.Between(Version(), after));
    }

    [Fact]
    public void Between_StepRemoved_IsReportedWithItsText()
    {
        var after = Version(v => v.Steps.RemoveAt(1));

        Assert.Equal([new VersionChange(ChangeKind.StepRemoved, "Adjunte los documentos.", null, null)], VersionChanges.Between(Version(), after));
    }

    [Fact]
    public void Between_StepReworded_IsRemovedAndAdded()
    {
        var after = Version(v => v.Steps[1] = "Adjunte los documentos en PDF.");

        Assert.Equal(
            [
                new VersionChange(ChangeKind.StepAdded, "Adjunte los documentos en PDF.", null, null),
                new VersionChange(ChangeKind.StepRemoved, "Adjunte los documentos.", null, null),
            ],
            VersionChanges.Between(Version(), after));
    }

    [Fact]
    public void Between_StepsRemovedAndTheRestReordered_ReportsBoth()
    {
        var after = Version(v => v.Steps = [v.Steps[2], v.Steps[0]]);

        Assert.Equal(
            [
                new VersionChange(ChangeKind.StepRemoved, "Adjunte los documentos.", null, null),
                new VersionChange(ChangeKind.StepsReordered, null, null, null),
            ],
            VersionChanges.Between(Version(), after));
    }

    [Fact]
    public void Between_ManyChanges_AreOrderedAsACitizenCares()
    {
        var after = Version(v =>
        {
            v.Name = "Licencia de farmacia";
            v.Description = "Otra descripción.";
            v.Steps.Reverse();
            v.LegalTimeDays = 15;
            v.FixedFee = 600m;
            v.Requirements[0].Description = "Vigente.";
            v.Requirements.RemoveAll(r => r.Code == "dpi");
            v.Requirements.Add(Requirement("croquis", "Croquis del local"));
            v.WhoMayApply = WhoMayApply.CompaniesOnly;
            v.ExtraFees.Clear();
        });

        var kinds = VersionChanges.Between(Version(), after).Select(c => c.Kind);

        Assert.Equal(
            [
                ChangeKind.WhoMayApplyChanged,
                ChangeKind.RequirementAdded,
                ChangeKind.RequirementRemoved,
                ChangeKind.RequirementChanged,
                ChangeKind.FeeChanged,
                ChangeKind.ExtraFeeRemoved,
                ChangeKind.LegalTimeChanged,
                ChangeKind.StepsReordered,
                ChangeKind.NameChanged,
                ChangeKind.DescriptionChanged,
            ],
            kinds);
    }

    [Fact]
    public void Between_WithinAKind_KeepsTheVersionsOrder()
    {
        var after = Version(v =>
        {
            v.Requirements.Insert(0, Requirement("b", "B"));
            v.Requirements.Add(Requirement("a", "A"));
        });

        Assert.Equal(["B", "A"], VersionChanges.Between(Version(), after).Select(c => c.Subject));
    }

    [Fact]
    public void Between_SimplificationEdited_IsOneEditorialChange()
    {
        var before = Version(v => v.Simplifications = [new() { Aspect = SimplificationAspect.Channel, Before = "Boleta y banco", After = "En línea" }]);
        var after = Version(v => v.Simplifications =
        [
            new() { Aspect = SimplificationAspect.Channel, Before = "Boleta y banco", After = "Pago en línea" },
            new() { Aspect = SimplificationAspect.VisitRemoved, Before = "Ventanilla", After = "En línea" },
        ]);

        var change = Assert.Single(VersionChanges.Between(before, after));

        Assert.Equal(new VersionChange(ChangeKind.SimplificationChanged, null, "1", "2"), change);
        Assert.False(VersionChanges.AffectsApplicant(change));
        Assert.Empty(VersionChanges.Between(after, Version(v => v.Simplifications = [.. after.Simplifications])));
    }

    [Fact]
    public void Between_PlainSummaries_ReportsEachLanguageAddedChangedOrRemoved()
    {
        var before = Version(v => v.PlainSummaries =
        [
            new() { Language = PlainSummary.Kiche, Text = "Jun tzij", ProvidedBy = "ALMG" },
            new() { Language = PlainSummary.Mam, Text = "Mam tzij", ProvidedBy = "ALMG" },
        ]);
        var after = Version(v => v.PlainSummaries =
        [
            new() { Language = PlainSummary.Kiche, Text = "Jun tzij", ProvidedBy = "Comunidad Lingüística K'iche'" },
            new() { Language = PlainSummary.Qeqchi, Text = "Q'eqchi' aatin", ProvidedBy = "ALMG" },
        ]);

        var changes = VersionChanges.Between(before, after);

        Assert.Equal([PlainSummary.Kiche, PlainSummary.Mam, PlainSummary.Qeqchi], changes.Select(c => c.Subject));
        Assert.All(changes, c => Assert.Equal(ChangeKind.PlainSummaryChanged, c.Kind));
        Assert.Null(changes.Single(c => c.Subject == PlainSummary.Mam).After);
        Assert.Null(changes.Single(c => c.Subject == PlainSummary.Qeqchi).Before);
    }

    // A property added to the model and not compared would be a change the citizen is never told of.
    // Each property not compared on purpose is listed here with why.
    private static readonly Dictionary<Type, string[]> NotCompared = new()
    {
        [typeof(ProcedureVersion)] =
        [
            nameof(ProcedureVersion.Id), nameof(ProcedureVersion.ProcedureId), nameof(ProcedureVersion.Procedure),
            nameof(ProcedureVersion.Number), nameof(ProcedureVersion.Status), // which version, not what it says
            nameof(ProcedureVersion.CreatedAt), nameof(ProcedureVersion.PublishedAt),
            // Who and why, not what the version says (the changelog shows the reason beside the list).
            nameof(ProcedureVersion.CreatedById), nameof(ProcedureVersion.PublishedById),
            nameof(ProcedureVersion.ChangeReason), nameof(ProcedureVersion.ConcurrencyStamp),
            // Lists: compared item by item, in the tests above.
            nameof(ProcedureVersion.Categories), nameof(ProcedureVersion.ExtraFees),
            nameof(ProcedureVersion.Requirements), nameof(ProcedureVersion.Steps),
            nameof(ProcedureVersion.Simplifications), nameof(ProcedureVersion.PlainSummaries),
        ],
        [typeof(Requirement)] = [nameof(MspasTramite.Core.Procedures.Requirement.Code)],
        [typeof(FeeCategory)] = [nameof(FeeCategory.Code)],
        [typeof(ExtraFee)] = [nameof(ExtraFee.Code)],
    };

    [Theory]
    [InlineData(typeof(ProcedureVersion))]
    [InlineData(typeof(Requirement))]
    [InlineData(typeof(FeeCategory))]
    [InlineData(typeof(ExtraFee))]
    public void Between_EveryWritablePropertyOfTheModel_IsCompared(Type type)
    {
        var properties = type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanWrite && !NotCompared[type].Contains(p.Name));

        foreach (var property in properties)
        {
            // With categories the fixed fee does not count, so only the category's own test has one.
            Action<ProcedureVersion>? withCategory = type == typeof(FeeCategory) ? v => v.Categories = [Category("c", "Categoría", 100m)] : null;
            var before = Version(withCategory);
            var after = Version(withCategory);
            var target = type == typeof(ProcedureVersion) ? after
                : type == typeof(Requirement) ? after.Requirements[0]
                : type == typeof(FeeCategory) ? after.Categories[0]
                : (object)after.ExtraFees[0];
            property.SetValue(target, Different(property.PropertyType, property.GetValue(target)));

            Assert.True(VersionChanges.Between(before, after).Count > 0, $"{type.Name}.{property.Name} is not compared");
        }
    }

    private static object? Different(Type type, object? value) => type switch
    {
        _ when type == typeof(string) => (string?)value + " (cambiado)",
        _ when type == typeof(bool) => !(bool)value!,
        _ when type == typeof(int) => (int)value! + 1,
        _ when type == typeof(decimal?) || type == typeof(decimal) => ((decimal?)value ?? 0m) + 1m,
        _ when type.IsEnum => Enum.GetValues(type).Cast<object>().First(e => !e.Equals(value)),
        _ => throw new InvalidOperationException($"No different value for {type.Name}: add one here."),
    };

    [Theory]
    [InlineData(ChangeKind.WhoMayApplyChanged, ChangedAspects.None, true)]
    [InlineData(ChangeKind.RequirementAdded, ChangedAspects.None, true)]
    [InlineData(ChangeKind.RequirementRemoved, ChangedAspects.None, true)]
    [InlineData(ChangeKind.RequirementChanged, ChangedAspects.Description, true)]
    [InlineData(ChangeKind.RequirementChanged, ChangedAspects.NowRequired, true)]
    [InlineData(ChangeKind.RequirementChanged, ChangedAspects.LegalBasis | ChangedAspects.Name, true)]
    [InlineData(ChangeKind.RequirementChanged, ChangedAspects.LegalBasis, false)]
    [InlineData(ChangeKind.FeeChanged, ChangedAspects.None, true)]
    [InlineData(ChangeKind.CategoryFeeChanged, ChangedAspects.None, true)]
    [InlineData(ChangeKind.CategoryRenamed, ChangedAspects.None, false)]
    [InlineData(ChangeKind.ExtraFeeAdded, ChangedAspects.None, true)]
    [InlineData(ChangeKind.ExtraFeeChanged, ChangedAspects.Question, true)]
    [InlineData(ChangeKind.ExtraFeeChanged, ChangedAspects.Name, false)]
    [InlineData(ChangeKind.LegalTimeChanged, ChangedAspects.None, true)]
    [InlineData(ChangeKind.InspectionChanged, ChangedAspects.None, true)]
    [InlineData(ChangeKind.ProfessionalChanged, ChangedAspects.None, true)]
    [InlineData(ChangeKind.StepsReordered, ChangedAspects.None, false)]
    [InlineData(ChangeKind.NameChanged, ChangedAspects.None, false)]
    [InlineData(ChangeKind.DescriptionChanged, ChangedAspects.None, false)]
    [InlineData(ChangeKind.LegalBasisChanged, ChangedAspects.None, false)]
    [InlineData(ChangeKind.FaqChanged, ChangedAspects.None, false)]
    [InlineData(ChangeKind.SimplificationChanged, ChangedAspects.None, false)]
    [InlineData(ChangeKind.PlainSummaryChanged, ChangedAspects.None, false)]
    public void AffectsApplicant_TellsApplicantChangesFromEditorialOnes(ChangeKind kind, ChangedAspects aspects, bool expected)
    {
        Assert.Equal(expected, VersionChanges.AffectsApplicant(new VersionChange(kind, "x", null, null) { Aspects = aspects }));
    }

    [Fact]
    public void AffectsApplicant_DecidesEveryKind()
    {
        foreach (var kind in Enum.GetValues<ChangeKind>())
        {
            _ = VersionChanges.AffectsApplicant(new VersionChange(kind, null, null, null));
        }
    }

    // A pharmacy licence, small but with every part filled in; edit stamps what differs.
    private static ProcedureVersion Version(Action<ProcedureVersion>? edit = null)
    {
        var v = new ProcedureVersion
        {
            Number = 1,
            Name = "Licencia sanitaria de farmacia",
            Summary = "Para abrir una farmacia.",
            Description = "La **licencia** autoriza.",
            WhoMayApply = WhoMayApply.Both,
            LegalTimeDays = 30,
            LegalTimeUnit = LegalTimeUnit.WorkingDays,
            LegalBasis = "Decreto 90-97",
            OutputDocument = "Licencia sanitaria",
            RequiresInspection = true,
            LicenceValidityYears = 5,
            ProfessionalTitle = "Químico farmacéutico",
            FixedFee = 500m,
            ExtraFees = [Extra("analisis", "Análisis de laboratorio", 1640m, "¿El producto es de alto riesgo?")],
            Requirements =
            [
                Requirement("patente", "Patente de comercio"),
                Requirement("dpi", "DPI del propietario", r =>
                {
                    r.SatisfiedByIdentifier = "Cui";
                    r.Reusable = true;
                }),
            ],
            Steps = ["Llene la solicitud.", "Adjunte los documentos.", "Pague el arancel."],
        };
        edit?.Invoke(v);
        return v;
    }

    private static Requirement Requirement(string code, string name, Action<Requirement>? edit = null)
    {
        var r = new Requirement
        {
            Code = code,
            Name = name,
            Description = "Copia simple.",
            LegalBasis = "Decreto 90-97, art. 130",
        };
        edit?.Invoke(r);
        return r;
    }

    private static FeeCategory Category(string code, string name, decimal amount) => new() { Code = code, Name = name, Amount = amount };

    private static ExtraFee Extra(string code, string name, decimal amount, string question) =>
        new() { Code = code, Name = name, Amount = amount, Question = question };
}
