using MspasTramite.Core.Procedures;

namespace MspasTramite.Core.Tests.Procedures;

public class FeesTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    private static ProcedureVersion Seeded(string slug) =>
        ProcedureCatalogueSeed.Build(Now).Single(p => p.Slug == slug).Versions.Single();

    [Fact]
    public void Compute_FixedFee_IsTheFee()
    {
        Assert.Equal(500.00m, Fees.Compute(Seeded("licencia-sanitaria-fabrica-alimentos"), null, []));
    }

    [Fact]
    public void Compute_WithExtraChosen_AddsIt()
    {
        var food = Seeded("registro-sanitario-alimento-procesado");

        Assert.Equal(250.00m, Fees.Compute(food, null, []));
        Assert.Equal(1890.00m, Fees.Compute(food, null, ["analisis-laboratorio"]));
        Assert.Equal(250.00m, Fees.Compute(food, null, ["no-existe"]));
    }

    [Theory]
    [InlineData("clinica-individual", 90.00)]
    [InlineData("hospital", 5400.00)]
    public void Compute_ByCategory_UsesTheCategorysFee(string category, decimal expected)
    {
        Assert.Equal(expected, Fees.Compute(Seeded("licencia-sanitaria-establecimiento-salud"), category, []));
    }

    [Fact]
    public void Compute_ByCategory_WithoutCategory_IsNull()
    {
        Assert.Null(Fees.Compute(Seeded("licencia-sanitaria-establecimiento-salud"), null, []));
        Assert.Null(Fees.Compute(Seeded("licencia-sanitaria-establecimiento-salud"), "otra", []));
    }

    [Fact]
    public void Compute_WhenFeeIsNotPublished_IsNull()
    {
        var pharmacy = Seeded("licencia-sanitaria-farmacia");

        Assert.True(pharmacy.FeeUncertain);
        Assert.False(pharmacy.FeeIsPublished);
        Assert.Null(Fees.Compute(pharmacy, null, []));
    }

    [Theory]
    [InlineData(500, "Q500.00")]
    [InlineData(1234.5, "Q1,234.50")]
    [InlineData(5400, "Q5,400.00")]
    [InlineData(0.05, "Q0.05")]
    public void Format_WritesQuetzales(decimal amount, string expected)
    {
        Assert.Equal(expected, Fees.Format(amount));
    }

    [Theory]
    [InlineData(250.00, 25000)]
    [InlineData(1640.00, 164000)]
    [InlineData(0.015, 2)]
    public void ToCentavos_ConvertsAtTheGatewayOnly(decimal amount, long centavos)
    {
        Assert.Equal(centavos, Fees.ToCentavos(amount));
    }

    [Fact]
    public void Seed_HasTheFourProceduresOfTheDomain()
    {
        var procedures = ProcedureCatalogueSeed.Build(Now);

        Assert.Equal(4, procedures.Count);
        Assert.Equal(procedures.Count, procedures.Select(p => p.Slug).Distinct().Count());
        Assert.All(procedures, p => Assert.All(p.Versions.Single().Requirements, r => Assert.False(string.IsNullOrWhiteSpace(r.LegalBasis))));
        Assert.True(Seeded("licencia-sanitaria-fabrica-alimentos").RequiresInspection);
    }
}
