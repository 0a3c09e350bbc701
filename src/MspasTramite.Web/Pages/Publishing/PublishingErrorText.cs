using Microsoft.Extensions.Localization;
using MspasTramite.Core.Publishing;

namespace MspasTramite.Web.Pages.Publishing;

public static class PublishingErrorText
{
    /// A publishing error in the reader's language: its pattern translated, then its values (a
    /// requirement's name, a number) put back in.
    public static LocalizedString Of(this IStringLocalizer l, PublishingError error)
    {
        ArgumentNullException.ThrowIfNull(l);
        ArgumentNullException.ThrowIfNull(error);
        return l[error.Format, [.. error.Args]];
    }
}
