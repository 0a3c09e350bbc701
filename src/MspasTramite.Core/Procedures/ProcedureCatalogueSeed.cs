using Microsoft.EntityFrameworkCore;
using MspasTramite.Core.Data;

namespace MspasTramite.Core.Procedures;

/// The four procedures of shared/DOMAIN.md (catalogue data 2022–2023), seeded once as published
/// version 1. From then on they are data the product manager edits through new versions.
public static class ProcedureCatalogueSeed
{
    public static async Task EnsureSeededAsync(AppDbContext db, TimeProvider clock, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(clock);
        var existing = await db.Procedures.Select(p => p.Slug).ToListAsync(cancellationToken).ConfigureAwait(false);
        var now = clock.GetUtcNow();
        foreach (var procedure in Build(now).Where(p => !existing.Contains(p.Slug)))
        {
            db.Procedures.Add(procedure);
        }

        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
    }

    public static IReadOnlyList<Procedure> Build(DateTimeOffset now) =>
    [
        Pharmacy(now),
        ProcessedFood(now),
        FoodFactory(now),
        HealthEstablishment(now),
    ];

    private static Procedure Create(string slug, Department department, DateTimeOffset now, Action<ProcedureVersion> fill)
    {
        var version = new ProcedureVersion
        {
            Id = Guid.CreateVersion7(),
            Number = 1,
            Status = VersionStatus.Published,
            CreatedAt = now,
            PublishedAt = now,
        };
        fill(version);
        version.Simplifications = [.. Simplifications(version)];
        return new Procedure { Id = Guid.CreateVersion7(), Slug = slug, Department = department, Versions = [version] };
    }

    /// What every seeded procedure no longer asks, against the paper procedure of shared/DOMAIN.md.
    private static IEnumerable<SimplificationItem> Simplifications(ProcedureVersion version)
    {
        yield return new()
        {
            Aspect = SimplificationAspect.Channel,
            Before = "Descargar la boleta V-CC-G-001, depositar en un banco autorizado a la cuenta del fondo privativo del departamento y cambiar la boleta del banco por el recibo Forma 63-A2 en una ventanilla del MSPAS.",
            After = "Pago en línea con tarjeta al enviar la solicitud; el recibo electrónico queda en su expediente y le llega por correo.",
            Reason = "Decreto 5-2021, art. 41: el MSPAS solo puede cobrar un trámite que se puede hacer en línea.",
        };
        yield return new()
        {
            Aspect = SimplificationAspect.VisitRemoved,
            Before = "Llevar el expediente en papel, con el recibo adjunto, a la ventanilla del departamento, y volver a preguntar por su estado.",
            After = "El expediente se presenta y se sigue en línea, con la fecha y la hora de cada documento.",
            Reason = "Decreto 5-2021, arts. 23 y 28 (medios electrónicos y expediente electrónico).",
        };
        if (version.Requirements.Any(r => r.SatisfiedByIdentifier == "Cui"))
        {
            yield return new()
            {
                Aspect = SimplificationAspect.RequirementRemoved,
                Before = "Fotocopia del DPI.",
                After = "Se verifica con el CUI registrado en su cuenta.",
                Reason = "Decreto 5-2021, art. 6: no se piden documentos que el Estado ya tiene.",
            };
        }
    }

    private static Requirement Dpi(string who) => new()
    {
        Code = "dpi",
        Name = $"DPI {who}",
        Description = "Se verifica con el CUI registrado en su cuenta: no necesita adjuntar una copia.",
        LegalBasis = "Decreto 5-2021, art. 6 (no se piden documentos que el Estado ya tiene)",
        SatisfiedByIdentifier = "Cui",
    };

    private static Requirement Incorporation() => new()
    {
        Code = "escritura-constitucion",
        Name = "Escritura de constitución de la sociedad y nombramiento del representante legal",
        Description = "Copia simple de la escritura y del acta de nombramiento inscrita en el Registro Mercantil.",
        LegalBasis = "Código de Comercio, arts. 14 y 46",
        Condition = RequirementCondition.CompaniesOnly,
        Reusable = true,
    };

    private static Procedure Pharmacy(DateTimeOffset now) => Create("licencia-sanitaria-farmacia", Department.DRCPFA, now, v =>
    {
        v.Name = "Licencia sanitaria de apertura de farmacia";
        v.Summary = "Autoriza la apertura y el funcionamiento de una farmacia, con su director técnico.";
        v.Description = "La licencia sanitaria autoriza a una farmacia a funcionar. Se emite junto con la constancia del director técnico, químico farmacéutico colegiado activo responsable del establecimiento.";
        v.WhoMayApply = WhoMayApply.Both;
        v.LegalTimeDays = 60;
        v.LegalTimeUnit = LegalTimeUnit.WorkingDays;
        v.LegalBasis = "Norma Técnica 4-2011 del Departamento de Regulación y Control de Productos Farmacéuticos y Afines (DRCPFA)";
        v.OutputDocument = "Licencia sanitaria y constancia del director técnico";
        v.ProfessionalTitle = "Director técnico (químico farmacéutico)";
        v.FixedFee = null;
        v.FeeUncertain = true;
        v.FeeNote = "El MSPAS aún no publica el arancel de este trámite. Puede preparar y guardar su solicitud; podrá enviarla cuando el arancel se publique.";
        v.Requirements =
        [
            new() { Code = "formulario-f-as-f-01", Name = "Formulario de solicitud F-AS-f-01", Description = "Formulario oficial lleno y firmado.", LegalBasis = "Norma Técnica 4-2011" },
            new() { Code = "autoinspeccion-f-as-c-01", Name = "Informe de autoinspección F-AS-c-01", Description = "Informe de autoinspección del establecimiento.", LegalBasis = "Norma Técnica 4-2011" },
            new() { Code = "plano", Name = "Plano o croquis del establecimiento", Description = "Distribución de las áreas de la farmacia.", LegalBasis = "Norma Técnica 4-2011" },
            new() { Code = "colegiado-activo", Name = "Constancia de colegiado activo del director técnico", Description = "Emitida por el Colegio de Farmacéuticos y Químicos de Guatemala, vigente.", LegalBasis = "Norma Técnica 4-2011; Ley de Colegiación Profesional Obligatoria" },
            new() { Code = "patente-comercio", Name = "Patente de comercio", Description = "Patente de comercio de empresa inscrita en el Registro Mercantil.", LegalBasis = "Código de Comercio, art. 334", Reusable = true },
            Incorporation(),
            Dpi("del propietario o representante legal"),
            new() { Code = "tarjetas-salud", Name = "Tarjetas de salud del personal", Description = "Una por cada persona que atiende al público.", LegalBasis = "Código de Salud, Decreto 90-97", MaxFiles = 10 },
            new() { Code = "rtu", Name = "Registro Tributario Unificado (RTU)", Description = "Se verifica con el NIT registrado: adjúntelo solo si su cuenta no tiene NIT.", LegalBasis = "Decreto 5-2021, art. 6", Required = false, Reusable = true },
        ];
        v.Steps = ["Recepción del expediente en línea", "Revisión de completitud", "Evaluación profesional", "Revisión del jefe de sección", "Firma del jefe de departamento", "Entrega electrónica de la licencia"];
    });

    private static Procedure ProcessedFood(DateTimeOffset now) => Create("registro-sanitario-alimento-procesado", Department.DRCA, now, v =>
    {
        v.Name = "Registro sanitario de alimento procesado (nuevo o renovación)";
        v.Summary = "Registro sanitario que permite fabricar, importar o vender un alimento procesado en Guatemala.";
        v.Description = "El registro sanitario de referencia autoriza la comercialización de un alimento procesado. Los alimentos de alto riesgo requieren además un análisis de laboratorio.";
        v.WhoMayApply = WhoMayApply.Both;
        v.LegalTimeDays = 20;
        v.LegalTimeUnit = LegalTimeUnit.WorkingDays;
        v.LegalBasis = "Código de Salud, Decreto 90-97, art. 131; Acuerdo Gubernativo 969-99, art. 32";
        v.OutputDocument = "Certificado de registro sanitario";
        v.FixedFee = 250.00m;
        v.ExtraFees =
        [
            new() { Code = "analisis-laboratorio", Name = "Análisis de laboratorio (alimento de alto riesgo)", Question = "¿Es un alimento de alto riesgo que requiere análisis de laboratorio?", Amount = 1640.00m },
        ];
        v.Requirements =
        [
            new() { Code = "formulario-solicitud", Name = "Formulario de solicitud de registro sanitario", Description = "Formulario oficial lleno y firmado.", LegalBasis = "Acuerdo Gubernativo 969-99, art. 32" },
            new() { Code = "etiqueta", Name = "Etiqueta o proyecto de etiqueta del producto", Description = "Conforme al reglamento técnico centroamericano de etiquetado.", LegalBasis = "RTCA 67.01.07:10" },
            new() { Code = "licencia-fabrica", Name = "Licencia sanitaria de la fábrica o bodega", Description = "Vigente, del establecimiento que fabrica o almacena el producto.", LegalBasis = "Acuerdo Gubernativo 969-99, art. 32", Reusable = true },
            Incorporation(),
            Dpi("del propietario o representante legal"),
        ];
        v.Steps = ["Recepción del expediente en línea", "Revisión de completitud", "Evaluación técnica", "Análisis de laboratorio (alimentos de alto riesgo)", "Emisión del registro"];
    });

    private static Procedure FoodFactory(DateTimeOffset now) => Create("licencia-sanitaria-fabrica-alimentos", Department.DRCA, now, v =>
    {
        v.Name = "Licencia sanitaria de fábrica de alimentos";
        v.Summary = "Autoriza el funcionamiento de una fábrica de alimentos procesados, tras una inspección de sus instalaciones.";
        v.Description = "La licencia sanitaria autoriza a una fábrica de alimentos a funcionar. Antes de decidir, el MSPAS inspecciona las instalaciones en una fecha acordada con usted.";
        v.WhoMayApply = WhoMayApply.Both;
        v.LegalTimeDays = 20;
        v.LegalTimeUnit = LegalTimeUnit.WorkingDays;
        v.LegalBasis = "Código de Salud, Decreto 90-97; Acuerdo Gubernativo 969-99";
        v.OutputDocument = "Licencia sanitaria de funcionamiento";
        v.RequiresInspection = true;
        v.ProfessionalTitle = "Responsable técnico de la fábrica";
        v.FixedFee = 500.00m;
        v.Requirements =
        [
            new() { Code = "formulario-drca-004", Name = "Formulario DRCA-004", Description = "Formulario oficial de solicitud de licencia sanitaria, lleno y firmado.", LegalBasis = "Acuerdo Gubernativo 969-99" },
            Dpi("del propietario"),
            new() { Code = "resolucion-marn", Name = "Resolución ambiental del MARN", Description = "Resolución aprobatoria del instrumento ambiental del Ministerio de Ambiente y Recursos Naturales.", LegalBasis = "Acuerdo Gubernativo 137-2016" },
            new() { Code = "croquis", Name = "Croquis de ubicación y plano de distribución de la fábrica", Description = "Ubicación del terreno y distribución de las áreas de proceso.", LegalBasis = "Acuerdo Gubernativo 969-99" },
            new() { Code = "listado-productos", Name = "Listado de productos a fabricar", Description = "Nombre y tipo de cada producto.", LegalBasis = "Acuerdo Gubernativo 969-99" },
            Incorporation(),
        ];
        v.Steps = ["Recepción del expediente en línea", "Revisión de completitud", "Asignación por el coordinador", "Programación de la inspección con usted", "Inspección de las instalaciones", "Emisión de la licencia", "Firma del jefe de departamento"];
    });

    private static Procedure HealthEstablishment(DateTimeOffset now) => Create("licencia-sanitaria-establecimiento-salud", Department.DRACES, now, v =>
    {
        v.Name = "Licencia sanitaria de establecimiento de salud";
        v.Summary = "Autoriza el funcionamiento de un establecimiento de salud privado por 5 años; el arancel depende de su categoría.";
        v.Description = "La licencia sanitaria autoriza a un establecimiento de salud (clínica, laboratorio, hospital y otros) a funcionar durante 5 años. El arancel depende de la categoría del establecimiento.";
        v.WhoMayApply = WhoMayApply.Both;
        v.LegalTimeDays = 15;
        v.LegalTimeUnit = LegalTimeUnit.WorkingDays;
        v.LegalBasis = "Acuerdo Gubernativo 376-2007; aranceles según Acuerdo Gubernativo 53-2022";
        v.OutputDocument = "Licencia sanitaria (vigencia de 5 años)";
        v.ProfessionalTitle = "Director médico o profesional responsable";
        v.Categories =
        [
            new() { Code = "clinica-individual", Name = "Clínica individual o consultorio", Amount = 90.00m },
            new() { Code = "clinica-especializada", Name = "Clínica especializada o centro de diagnóstico", Amount = 500.00m },
            new() { Code = "laboratorio", Name = "Laboratorio clínico", Amount = 900.00m },
            new() { Code = "sanatorio", Name = "Sanatorio o centro de atención permanente", Amount = 2500.00m },
            new() { Code = "hospital", Name = "Hospital", Amount = 5400.00m },
        ];
        v.FeeNote = "Aranceles de referencia por categoría (Acuerdo Gubernativo 53-2022); la tabla completa la publica el DRACES.";
        v.Requirements =
        [
            new() { Code = "solicitud", Name = "Solicitud de licencia sanitaria", Description = "Formulario del DRACES lleno y firmado.", LegalBasis = "Acuerdo Gubernativo 376-2007" },
            new() { Code = "plano", Name = "Plano de distribución del establecimiento", Description = "Con la identificación de cada área.", LegalBasis = "Acuerdo Gubernativo 376-2007" },
            new() { Code = "colegiado-activo", Name = "Constancia de colegiado activo del profesional responsable", Description = "Vigente.", LegalBasis = "Ley de Colegiación Profesional Obligatoria" },
            new() { Code = "patente-comercio", Name = "Patente de comercio", Description = "Cuando el establecimiento es de una empresa.", LegalBasis = "Código de Comercio, art. 334", Required = false, Reusable = true },
            Incorporation(),
            Dpi("del propietario o representante legal"),
        ];
        v.Steps = ["Recepción del expediente en línea", "Revisión de completitud", "Evaluación técnica", "Aprobación del jefe de sección", "Emisión de la licencia"];
    });
}
