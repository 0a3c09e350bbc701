using AngleSharp.Html.Dom;
using Ganss.Xss;
using Markdig;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace MspasTramite.Core.Publishing;

/// A procedure's description and FAQ, written in Markdown by the product manager, as HTML that the
/// public page can write out unencoded.
///
/// Two walls: Markdig escapes raw HTML (DisableHtml), so tags typed into the Markdown show as text; the
/// HTML it writes then goes through an allow-list sanitizer anyway. The sanitizer is the only wall for
/// link schemes: Markdig writes any link destination it is given (javascript:, data:) into href.
///
/// Headings are shifted down two levels (# → h3, ## → h4, … capped at h6): the page has its own h1
/// (the procedure's name) and h2 (its sections), and a description must not outrank them.
/// Images become links to the image, labelled with their alt text. External links get
/// rel="noopener noreferrer"; no target="_blank": a link that opens a new tab unannounced loses
/// people who use a screen reader.
///
/// Both the pipeline and the sanitizer are built once and shared. Markdig documents a built
/// MarkdownPipeline as immutable and thread-safe; HtmlSanitizer documents Sanitize() as thread-safe on
/// one instance as long as nobody changes its properties meanwhile, and ours are set only here, in the
/// static initialiser. The PostProcessNode handler keeps no state.
public static class SafeMarkdown
{
    /// How many levels a Markdown heading goes down: "#" becomes h3.
    public const int HeadingShift = 2;

    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .DisableHtml()
        .UsePipeTables()
        .UseAutoLinks()
        .UseEmphasisExtras(Markdig.Extensions.EmphasisExtras.EmphasisExtraOptions.Strikethrough)
        .Build();

    private static readonly HtmlSanitizer Sanitizer = CreateSanitizer();

    public static string ToHtml(string? markdown)
    {
        if (string.IsNullOrWhiteSpace(markdown))
        {
            return "";
        }

        var document = Markdown.Parse(markdown, Pipeline);
        foreach (var heading in document.Descendants<HeadingBlock>())
        {
            heading.Level = Math.Min(heading.Level + HeadingShift, 6);
        }

        // Images are not allowed (see CreateSanitizer); as a plain link their alt text still reads.
        foreach (var image in document.Descendants<LinkInline>().Where(l => l.IsImage))
        {
            image.IsImage = false;
        }

        return Sanitize(document.ToHtml(Pipeline)).Trim();
    }

    /// The second wall alone, so tests can hand it HTML that Markdig would never let through.
    internal static string Sanitize(string html) => Sanitizer.Sanitize(html);

    private static HtmlSanitizer CreateSanitizer()
    {
        // Start from nothing and allow only what the Markdown above can produce. No img: the site's
        // CSP allows images from itself only, and an external image would tell a third party who reads
        // the page. No class, id or style: they could restyle or clobber the page around the text.
        var options = HtmlSanitizerOptions.Empty();
        options.AllowedTags.UnionWith(
        [
            "p", "br", "hr", "strong", "em", "del", "code", "pre", "blockquote",
            "ul", "ol", "li", "a",
            "h3", "h4", "h5", "h6",
            "table", "thead", "tbody", "tr", "th", "td",
        ]);
        options.AllowedAttributes.UnionWith(["href", "title", "start"]);
        options.UriAttributes.Add("href");
        // Relative URLs (links to other pages of the site) have no scheme and are kept as they are.
        options.AllowedSchemes.UnionWith(["http", "https", "mailto"]);

        var sanitizer = new HtmlSanitizer(options);
        sanitizer.PostProcessNode += (_, e) =>
        {
            if (e.Node is IHtmlAnchorElement anchor && IsExternal(anchor.GetAttribute("href")))
            {
                // rel is not in the allow-list: it is never taken from the input, only set here.
                anchor.SetAttribute("rel", "noopener noreferrer");
            }
        };
        return sanitizer;
    }

    // The href has already passed the scheme check, so anything absolute here is http(s) or mailto;
    // "//host/..." is absolute too, whatever the scheme of the page.
    private static bool IsExternal(string? href) =>
        href is not null
        && (href.StartsWith("//", StringComparison.Ordinal)
            || href.StartsWith("http:", StringComparison.OrdinalIgnoreCase)
            || href.StartsWith("https:", StringComparison.OrdinalIgnoreCase));
}
