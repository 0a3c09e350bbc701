using MspasTramite.Core.Procedures;

namespace MspasTramite.Web.Pages.Procedures;

/// Each Mayan language by its own name (as its speakers write it, the ALMG's spelling): the same in
/// every interface language, so it is not translated.
public static class PlainSummaryNames
{
    public static string Of(string language) => language switch
    {
        PlainSummary.Kiche => "K'iche'",
        PlainSummary.Qeqchi => "Q'eqchi'",
        PlainSummary.Kaqchikel => "Kaqchikel",
        PlainSummary.Mam => "Mam",
        _ => language,
    };
}
