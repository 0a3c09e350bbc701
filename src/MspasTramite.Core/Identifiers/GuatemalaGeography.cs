namespace MspasTramite.Core.Identifiers;

public sealed record Department(int Code, string Name, int MunicipalityCount);

/// Guatemala's 22 departments and how many municipalities each has (340 in all), as the CUI encodes them.
public static class GuatemalaGeography
{
    public static IReadOnlyList<Department> Departments { get; } =
    [
        new(1, "Guatemala", 17),
        new(2, "El Progreso", 8),
        new(3, "Sacatepéquez", 16),
        new(4, "Chimaltenango", 16),
        new(5, "Escuintla", 14),
        new(6, "Santa Rosa", 14),
        new(7, "Sololá", 19),
        new(8, "Totonicapán", 8),
        new(9, "Quetzaltenango", 24),
        new(10, "Suchitepéquez", 21),
        new(11, "Retalhuleu", 9),
        new(12, "San Marcos", 30),
        new(13, "Huehuetenango", 33),
        new(14, "Quiché", 21),
        new(15, "Baja Verapaz", 8),
        new(16, "Alta Verapaz", 17),
        new(17, "Petén", 14),
        new(18, "Izabal", 5),
        new(19, "Zacapa", 11),
        new(20, "Chiquimula", 11),
        new(21, "Jalapa", 7),
        new(22, "Jutiapa", 17),
    ];

    private static readonly ILookup<int, Municipality> ByDepartment = GuatemalaMunicipalities.All.ToLookup(m => m.DepartmentCode);

    public static Department? FindDepartment(int code) =>
        code is >= 1 and <= 22 ? Departments[code - 1] : null;

    public static IEnumerable<Municipality> MunicipalitiesOf(int departmentCode) => ByDepartment[departmentCode];

    public static Municipality? FindMunicipality(int departmentCode, int code) =>
        ByDepartment[departmentCode].FirstOrDefault(m => m.Code == code);

    /// "Mixco, Guatemala"; null when the municipality is not given or not known.
    public static string? PlaceName(int? departmentCode, int? municipalityCode) =>
        departmentCode is int d && municipalityCode is int m && FindMunicipality(d, m) is { } municipality
            ? $"{municipality.Name}, {FindDepartment(d)?.Name}"
            : null;
}
