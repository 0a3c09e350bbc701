using MspasTramite.Core.Procedures;

namespace MspasTramite.Web.Pages.Procedures;

public static class DepartmentNames
{
    /// Spanish names (resource keys) of the MSPAS departments.
    public static string Of(Department department) => department switch
    {
        Department.DRCPFA => "Departamento de Regulación y Control de Productos Farmacéuticos y Afines",
        Department.DRCA => "Departamento de Regulación y Control de Alimentos",
        Department.DRACES => "Departamento de Regulación, Acreditación y Control de Establecimientos de Salud",
        _ => department.ToString(),
    };
}
