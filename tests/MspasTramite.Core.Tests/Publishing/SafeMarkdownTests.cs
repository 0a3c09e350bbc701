using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using MspasTramite.Core.Publishing;

namespace MspasTramite.Core.Tests.Publishing;

public class SafeMarkdownTests
{
    // Attacks typed into the Markdown: Markdig's DisableHtml turns them into text, the sanitizer checks links.
    [Theory]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("Hola\n\n<script>alert(1)</script>\n\nadiós")]
    [InlineData("<img src=x onerror=alert(1)>")]
    [InlineData("<a href=\"https://www.mspas.gob.gt\" onclick=\"alert(1)\">x</a>")]
    [InlineData("<svg onload=alert(1)>")]
    [InlineData("<iframe src=\"https://evil.example\"></iframe>")]
    [InlineData("<p style=\"background:url(javascript:alert(1))\">x</p>")]
    [InlineData("<style>body{display:none}</style>")]
    public void ToHtml_RawHtmlInMarkdown_IsShownAsText(string markdown)
    {
        var html = SafeMarkdown.ToHtml(markdown);

        var body = Parse(html);
        AssertNothingActive(body);
        // The text is still there, escaped, so the product manager sees what went wrong.
        Assert.Contains("&lt;", html, StringComparison.Ordinal);
        Assert.All(body.QuerySelectorAll("*"), e => Assert.Equal("P", e.TagName));
    }

    [Theory]
    [InlineData("[a](javascript:alert(1))")]
    [InlineData("[a](JaVaScRiPt:alert(1))")]
    [InlineData("[a](  javascript:alert(1))")]
    [InlineData("[a](javascript&#58;alert(1))")]
    [InlineData("[a](java&#x09;script:alert(1))")]
    [InlineData("[a](<javascript:alert(1)>)")]
    [InlineData("[a](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)")]
    [InlineData("[a](vbscript:msgbox(1))")]
    [InlineData("[a][r]\n\n[r]: javascript:alert(1)")]
    [InlineData("<javascript:alert(1)>")]
    public void ToHtml_LinkWithDangerousScheme_LosesItsHref(string markdown)
    {
        var html = SafeMarkdown.ToHtml(markdown);

        AssertNothingActive(Parse(html));
        Assert.DoesNotContain("href", html, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void ToHtml_LinkWithDangerousScheme_KeepsItsText()
    {
        Assert.Equal("<p><a>aquí</a></p>", SafeMarkdown.ToHtml("[aquí](javascript:alert(1))"));
    }

    // The second wall alone: HTML that Markdig would never let through, straight into the sanitizer.
    [Theory]
    [InlineData("<script>alert(1)</script>", "")]
    [InlineData("<p>a<script>alert(1)</script></p>", "<p>a</p>")]
    [InlineData("<img src=x onerror=alert(1)>", "")]
    [InlineData("<a href=\"https://www.mspas.gob.gt/\" onclick=\"alert(1)\">x</a>", "<a href=\"https://www.mspas.gob.gt/\" rel=\"noopener noreferrer\">x</a>")]
    [InlineData("<a href=\"javascript:alert(1)\">x</a>", "<a>x</a>")]
    [InlineData("<a href=\"JaVaScRiPt:alert(1)\">x</a>", "<a>x</a>")]
    [InlineData("<a href=\"  javascript:alert(1)\">x</a>", "<a>x</a>")]
    [InlineData("<a href=\"javascript&#58;alert(1)\">x</a>", "<a>x</a>")]
    [InlineData("<a href=\"data:text/html,<script>alert(1)</script>\">x</a>", "<a>x</a>")]
    [InlineData("<a href=\"vbscript:msgbox(1)\">x</a>", "<a>x</a>")]
    [InlineData("<svg onload=alert(1)><circle r=1 /></svg>", "")]
    [InlineData("<iframe src=\"https://evil.example\"></iframe>", "")]
    [InlineData("<p style=\"color:red\" class=\"x\" id=\"y\">x</p>", "<p>x</p>")]
    [InlineData("<style>p{color:red}</style><p>x</p>", "<p>x</p>")]
    [InlineData("<a href=\"https://evil.example\" rel=\"opener\" target=\"_blank\">x</a>", "<a href=\"https://evil.example\" rel=\"noopener noreferrer\">x</a>")]
    [InlineData("<form action=\"https://evil.example\"><input name=\"cui\"></form>", "")]
    public void Sanitize_RemovesWhatIsNotAllowed(string html, string expected)
    {
        Assert.Equal(expected, SafeMarkdown.Sanitize(html));
    }

    [Fact]
    public void ToHtml_NullOrBlank_IsEmpty()
    {
        Assert.Equal("", SafeMarkdown.ToHtml(null));
        Assert.Equal("", SafeMarkdown.ToHtml("  \n "));
    }

    [Fact]
    public void ToHtml_Paragraphs_EmphasisAndSpanish_RenderAsWritten()
    {
        var html = SafeMarkdown.ToHtml("La **licencia** se emite en *cinco* días.\n\nAño, niño, información: ¿cuándo?");

        Assert.Equal(
            "<p>La <strong>licencia</strong> se emite en <em>cinco</em> días.</p>\n<p>Año, niño, información: ¿cuándo?</p>",
            html);
    }

    [Fact]
    public void ToHtml_Lists_RenderAsLists()
    {
        var html = SafeMarkdown.ToHtml("- Patente de comercio\n- Fotocopia del DPI\n\n3. tercero\n4. cuarto");

        Assert.Equal(
            "<ul>\n<li>Patente de comercio</li>\n<li>Fotocopia del DPI</li>\n</ul>\n<ol start=\"3\">\n<li>tercero</li>\n<li>cuarto</li>\n</ol>",
            html);
    }

    [Fact]
    public void ToHtml_ExternalLinks_GetNoopenerNoreferrer_InternalAndMailLinksDoNot()
    {
        var html = SafeMarkdown.ToHtml(
            "[MSPAS](https://www.mspas.gob.gt \"Sitio\") [trámites](/tramites/farmacia) [correo](mailto:drca@mspas.gob.gt) http://www.mspas.gob.gt/x");

        Assert.Equal(
            "<p><a href=\"https://www.mspas.gob.gt\" title=\"Sitio\" rel=\"noopener noreferrer\">MSPAS</a> "
            + "<a href=\"/tramites/farmacia\">trámites</a> "
            + "<a href=\"mailto:drca@mspas.gob.gt\">correo</a> "
            + "<a href=\"http://www.mspas.gob.gt/x\" rel=\"noopener noreferrer\">http://www.mspas.gob.gt/x</a></p>",
            html);
    }

    [Fact]
    public void ToHtml_ProtocolRelativeLink_IsExternal()
    {
        Assert.Equal(
            "<p><a href=\"//evil.example/\" rel=\"noopener noreferrer\">a</a></p>",
            SafeMarkdown.ToHtml("[a](//evil.example/)"));
    }

    [Fact]
    public void ToHtml_Headings_AreShiftedBelowThePagesOwn()
    {
        var html = SafeMarkdown.ToHtml("# Requisitos\n\n## Para empresas\n\n### Tres\n\n#### Cuatro\n\n###### Seis\n\nSetext\n======");

        Assert.Equal(
            "<h3>Requisitos</h3>\n<h4>Para empresas</h4>\n<h5>Tres</h5>\n<h6>Cuatro</h6>\n<h6>Seis</h6>\n<h3>Setext</h3>",
            html);
    }

    [Fact]
    public void ToHtml_Image_BecomesALinkLabelledWithItsAltText()
    {
        Assert.Equal(
            "<p><a href=\"https://www.mspas.gob.gt/flujo.png\" rel=\"noopener noreferrer\">Diagrama del flujo</a></p>",
            SafeMarkdown.ToHtml("![Diagrama del flujo](https://www.mspas.gob.gt/flujo.png)"));
        Assert.Equal("<p><a>x</a></p>", SafeMarkdown.ToHtml("![x](javascript:alert(1))"));
    }

    [Fact]
    public void ToHtml_PipeTable_RendersWithoutStyle()
    {
        var html = SafeMarkdown.ToHtml("| Categoría | Tasa |\n|---|--:|\n| Hospital | Q5,400.00 |");

        Assert.Equal(
            "<table>\n<thead>\n<tr>\n<th>Categoría</th>\n<th>Tasa</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td>Hospital</td>\n<td>Q5,400.00</td>\n</tr>\n</tbody>\n</table>",
            html);
    }

    [Fact]
    public void ToHtml_CodeBlock_KeepsItsTextWithoutClass()
    {
        Assert.Equal("<pre><code>alert(1)\n</code></pre>", SafeMarkdown.ToHtml("```js\nalert(1)\n```"));
    }

    private static IElement Parse(string html) => new HtmlParser().ParseDocument("<body>" + html).Body!;

    private static readonly string[] ActiveElements = ["script", "style", "iframe", "svg", "img", "object", "embed", "form", "input", "math"];

    private static void AssertNothingActive(IElement body)
    {
        foreach (var element in body.QuerySelectorAll("*"))
        {
            Assert.DoesNotContain(element.LocalName, ActiveElements);
            foreach (var attribute in element.Attributes)
            {
                Assert.False(attribute.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase), $"{element.LocalName} has {attribute.Name}");
                Assert.NotEqual("style", attribute.Name);
                if (attribute.Name == "href")
                {
                    Assert.Matches("^(https?:|mailto:|/|#)", attribute.Value.Trim());
                }
            }
        }
    }
}
