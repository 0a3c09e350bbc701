using MspasTramite.Core.Applications;
using MspasTramite.Core.Procedures;

namespace MspasTramite.Core.Tests.Applications;

/// What moving a draft to a newer version does to the answers already given (no database: the rules).
public sealed class DraftMoveTests
{
    private static ProcedureVersion Version(int number, Action<ProcedureVersion>? edit = null)
    {
        var v = new ProcedureVersion
        {
            Id = Guid.NewGuid(),
            Number = number,
            Status = VersionStatus.Published,
            Categories = [new() { Code = "pequena", Name = "Pequeña", Amount = 100m }, new() { Code = "grande", Name = "Grande", Amount = 300m }],
            ExtraFees = [new() { Code = "analisis", Name = "Análisis", Question = "¿Requiere análisis?", Amount = 50m }],
            Requirements = [new() { Code = "formulario", Name = "Formulario" }, new() { Code = "patente", Name = "Patente" }],
        };
        edit?.Invoke(v);
        return v;
    }

    private static Application Draft(ProcedureVersion version) => new()
    {
        Id = Guid.NewGuid(),
        ProcedureVersionId = version.Id,
        ProcedureVersion = version,
        ApplicantKind = ApplicantKind.Company,
        CategoryCode = "pequena",
        ExtraFeeCodes = ["analisis"],
        Documents =
        [
            new() { Id = Guid.NewGuid(), RequirementCode = "formulario", FileName = "formulario.pdf" },
            new() { Id = Guid.NewGuid(), RequirementCode = "patente", FileName = "patente.pdf" },
        ],
    };

    [Fact]
    public void Apply_WhenNothingTheDraftChoseChanged_KeepsEveryAnswer()
    {
        var v1 = Version(1);
        var v2 = Version(2);
        var draft = Draft(v1);

        DraftMove.Apply(draft, v2);

        Assert.Equal((v2.Id, (Guid?)v1.Id), (draft.ProcedureVersionId, draft.MovedFromVersionId));
        Assert.Equal((ApplicantKind?)ApplicantKind.Company, draft.ApplicantKind);
        Assert.Equal("pequena", draft.CategoryCode);
        Assert.Equal(["analisis"], draft.ExtraFeeCodes);
        Assert.Empty(DraftMove.NoLongerAsked(draft));
    }

    [Fact]
    public void Apply_WhenTheCategoryExtraAndKindAreGone_AsksThemAgain()
    {
        var v1 = Version(1);
        var v2 = Version(2, v =>
        {
            v.Categories.RemoveAll(c => c.Code == "pequena");
            v.ExtraFees.Clear();
            v.WhoMayApply = WhoMayApply.PersonsOnly;
        });
        var draft = Draft(v1);

        DraftMove.Apply(draft, v2);

        Assert.Null(draft.CategoryCode);
        Assert.Empty(draft.ExtraFeeCodes);
        Assert.Null(draft.ApplicantKind);
    }

    [Fact]
    public void Apply_ToAVersionWithAFixedFee_DropsTheCategory()
    {
        var draft = Draft(Version(1));

        DraftMove.Apply(draft, Version(2, v => { v.Categories.Clear(); v.FixedFee = 200m; }));

        Assert.Null(draft.CategoryCode);
    }

    [Fact]
    public void Apply_WhenARequirementIsGone_KeepsItsDocumentButNoLongerAsksIt()
    {
        var draft = Draft(Version(1));

        DraftMove.Apply(draft, Version(2, v => v.Requirements.RemoveAll(r => r.Code == "patente")));

        Assert.Equal(2, draft.Documents.Count);
        Assert.Equal(["patente.pdf"], DraftMove.NoLongerAsked(draft).Select(d => d.FileName));
    }

    [Fact]
    public void Apply_Twice_KeepsTheVersionTheCitizenLastRead()
    {
        var v1 = Version(1);
        var draft = Draft(v1);

        DraftMove.Apply(draft, Version(2));
        var v3 = Version(3);
        DraftMove.Apply(draft, v3);

        Assert.Equal((v3.Id, (Guid?)v1.Id), (draft.ProcedureVersionId, draft.MovedFromVersionId));
    }
}
