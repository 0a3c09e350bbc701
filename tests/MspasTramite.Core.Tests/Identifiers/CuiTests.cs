using MspasTramite.Core.Identifiers;

namespace MspasTramite.Core.Tests.Identifiers;

public class CuiTests
{
    [Theory]
    [InlineData("1580352240101")]
    [InlineData("1587564440904")]
    [InlineData("3666527290101")]
    [InlineData("2768220480502")]
    public void Check_WithDomainVectors_IsValid(string cui)
    {
        var result = Cui.Check(cui);

        Assert.True(result.IsValid);
        Assert.Equal(cui, result.Normalized);
        Assert.False(result.UnknownMunicipality);
    }

    [Theory]
    [InlineData("1680352240101", CuiProblem.Checksum)]
    [InlineData("1234567800101", CuiProblem.Checksum)]
    [InlineData("2415751810000", CuiProblem.Department)]
    [InlineData("1000000700101", CuiProblem.Checksum)] // remainder 10 can never be a check digit
    [InlineData("", CuiProblem.Empty)]
    [InlineData("   ", CuiProblem.Empty)]
    [InlineData(null, CuiProblem.Empty)]
    [InlineData("158035224010", CuiProblem.Format)]
    [InlineData("15803522401011", CuiProblem.Format)]
    [InlineData("158035224010A", CuiProblem.Format)]
    [InlineData("１５８０３５２２４０１０１", CuiProblem.Format)] // full-width digits are not ASCII digits
    public void Check_WithInvalidInput_ReportsTheProblem(string? cui, CuiProblem expected)
    {
        var result = Cui.Check(cui);

        Assert.False(result.IsValid);
        Assert.Equal(expected, result.Problem);
    }

    [Theory]
    [InlineData("1580 35224 0101")]
    [InlineData("1580-35224-0101")]
    [InlineData(" 1580352240101 ")]
    public void Check_WithSpacesOrDashes_NormalizesToDigits(string written)
    {
        var result = Cui.Check(written);

        Assert.True(result.IsValid);
        Assert.Equal("1580352240101", result.Normalized);
    }

    [Fact]
    public void Check_WhenDepartmentIs23_IsInvalid()
    {
        var body = "15803522";
        var cui = body + CheckDigit(body) + "2301";

        Assert.Equal(CuiProblem.Department, Cui.Check(cui).Problem);
    }

    [Theory]
    [InlineData(18, 5, false)] // Izabal has 5 municipalities
    [InlineData(18, 6, true)]
    [InlineData(13, 33, false)] // Huehuetenango has 33
    [InlineData(13, 34, true)]
    [InlineData(1, 0, true)]
    public void Check_UnknownMunicipality_IsOnlyAWarning(int department, int municipality, bool unknown)
    {
        var body = "15803522";
        var cui = $"{body}{CheckDigit(body)}{department:00}{municipality:00}";

        var result = Cui.Check(cui);

        Assert.True(result.IsValid);
        Assert.Equal(unknown, result.UnknownMunicipality);
    }

    [Fact]
    public void Geography_Has22DepartmentsAnd340Municipalities()
    {
        Assert.Equal(22, GuatemalaGeography.Departments.Count);
        Assert.Equal(340, GuatemalaGeography.Departments.Sum(d => d.MunicipalityCount));
        Assert.Null(GuatemalaGeography.FindDepartment(0));
        Assert.Equal("Jutiapa", GuatemalaGeography.FindDepartment(22)?.Name);
    }

    [Fact]
    public void Municipalities_MatchEachDepartmentsCountWithCodesOneToN()
    {
        Assert.Equal(340, GuatemalaMunicipalities.All.Count);
        foreach (var department in GuatemalaGeography.Departments)
        {
            var codes = GuatemalaGeography.MunicipalitiesOf(department.Code).Select(m => m.Code).Order().ToList();
            Assert.Equal(Enumerable.Range(1, department.MunicipalityCount), codes);
        }

        Assert.Equal("Mixco", GuatemalaGeography.FindMunicipality(1, 8)?.Name);
        Assert.Equal("Pasaco", GuatemalaGeography.FindMunicipality(22, 15)?.Name);
        Assert.Null(GuatemalaGeography.FindMunicipality(18, 6));
    }

    private static int CheckDigit(string body) => body.Select((c, i) => (c - '0') * (i + 2)).Sum() % 11;
}
