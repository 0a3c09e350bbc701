using System.Net;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.AspNetCore.WebUtilities;
using MspasTramite.Core.Identity;

namespace MspasTramite.Web.Tests.TestKit;

/// Visits every page of the catalogue as each role allowed on it, at every address EveryState gives
/// it, and sends each hostile value in every route parameter, every query parameter its handlers
/// read, and every field of every form the page draws (with the page's own antiforgery token),
/// collecting every server error instead of stopping at the first.
public sealed partial class PageProbe(MspasAppFactory app, EveryState world) : IDisposable
{
    private const string Anonymous = "";

    private readonly Dictionary<string, WebSession> sessions = new(StringComparer.Ordinal);
    private readonly HashSet<string> probedForms = new(StringComparer.Ordinal);
    private readonly HashSet<string> unofferedPosts = new(StringComparer.Ordinal);
    private readonly HashSet<string> queried = new(StringComparer.Ordinal);
    private IReadOnlyList<CataloguedPage> catalogue = [];

    /// A NUL byte inside a plausible value (PostgreSQL refuses NUL in text), and a value far longer
    /// than any field takes.
    public static IReadOnlyList<(string Name, string Value)> HostileValues { get; } =
        [("NUL", "prueba\0"), ("10.000 caracteres", new string('a', 10_000))];

    /// Each request that answered 5xx (or never answered), with what the app logged for it.
    public List<string> Failures { get; } = [];

    /// Pages that answered nothing but 404 (or a redirect to sign in) at every address: the probe
    /// never reached their content.
    public List<string> Unreached { get; } = [];

    /// Textareas whose text binds without [DataType(DataType.MultilineText)]: the app would keep
    /// what a person wrote on several lines as one line.
    public HashSet<string> Flattened { get; } = new(StringComparer.Ordinal);

    public int Requests { get; private set; }

    public int FormsProbed => probedForms.Count;

    /// Applications made again because a probe moved one on.
    public int Renewals { get; private set; }

    /// Forms whose probing stopped because their page could not be drawn again.
    public int Abandoned { get; private set; }

    public async Task VisitAllAsync(IReadOnlyList<CataloguedPage> pages)
    {
        ArgumentNullException.ThrowIfNull(pages);
        catalogue = pages;
        foreach (var page in pages)
        {
            foreach (var role in RolesFor(page))
            {
                await VisitAsync(page, role);
            }
        }
    }

    public static string RoleName(string role) => role.Length == 0 ? "anónimo" : role;

    private static IReadOnlyList<string> RolesFor(CataloguedPage page) =>
        page.Anonymous ? [Anonymous] : page.Roles ?? [Roles.Solicitante];

    private async Task VisitAsync(CataloguedPage page, string role)
    {
        var session = await SessionAsync(role);
        var routes = RouteValues(page);
        var reached = false;
        foreach (var url in Addresses(page, routes))
        {
            HtmlPage? html = null;
            using (var response = await SendAsync($"GET {url} as {RoleName(role)}", () => session.GetAsync(url)))
            {
                if (response is null)
                {
                    continue;
                }

                reached |= Reached(response);
                if (response.StatusCode != HttpStatusCode.OK)
                {
                    continue;
                }

                if (response.Content.Headers.ContentType?.MediaType == "text/html")
                {
                    html = await response.ReadPageAsync();
                }
            }

            // Once per page and role, at the first address that answers (a download too: a CSV reads
            // its filters as the page does).
            foreach (var name in queried.Add($"{role}|{page.Route.RawText}") ? page.GetParameters : [])
            {
                foreach (var (what, value) in HostileValues)
                {
                    var probe = WithQuery(url, name, value);
                    using var _ = await SendAsync($"GET {url} with {what} in ?{name} as {RoleName(role)}", () => session.GetAsync(probe));
                }
            }

            if (html is null)
            {
                continue;
            }

            if (unofferedPosts.Add($"{role}|{page.Route.RawText}"))
            {
                await PostUnofferedAsync(session, html, role);
            }

            var scenario = new Scenario(url);
            var forms = html.Document.QuerySelectorAll<IHtmlFormElement>("form").ToList();
            for (var i = 0; i < forms.Count; i++)
            {
                var key = FormKey(role, html, forms[i]);
                // A form where people write is probed in every state of the application it is about:
                // what the text reaches depends on it (a correction's summary holds the rejected
                // documents). Forms of hidden fields only are refused the same way everywhere.
                var where = HasTextToWrite(forms[i]) ? $"{key}@{world.StateOf(url)}" : key;
                if (probedForms.Add(where))
                {
                    var index = forms.Take(i).Count(f => FormKey(role, html, f) == key);
                    await ProbeFormAsync(role, session, scenario, html, forms[i], key, index);
                }
            }
        }

        if (!reached)
        {
            Unreached.Add($"{page.Route.RawText} as {RoleName(role)}");
        }

        // Each route parameter in turn, the others as the first address has them.
        var first = routes.First();
        foreach (var parameter in page.RouteParameters)
        {
            foreach (var (what, value) in HostileValues)
            {
                var url = page.Path(new Dictionary<string, string>(first) { [parameter.Name] = value });
                using var _ = await SendAsync($"GET {page.Route.RawText} with {what} in {{{parameter.Name}}} as {RoleName(role)}", () => session.GetAsync(url));
            }
        }
    }

    /// The page answered with its own content: a success, a redirect it chose (not to sign in or
    /// "acceso denegado"), or a status it set itself (400 for a stale link, 403, 409); not 404.
    private static bool Reached(HttpResponseMessage response)
    {
        var status = (int)response.StatusCode;
        if (status is >= 300 and < 400)
        {
            var location = response.Headers.Location?.OriginalString ?? "";
            return !location.Contains("/cuenta/ingresar", StringComparison.Ordinal) && !location.Contains("/cuenta/acceso-denegado", StringComparison.Ordinal);
        }

        return status != 404;
    }

    /// Every combination of the values EveryState has for each route parameter (for a parameter it
    /// does not know: its ids for a guid, 1 for an int, a word otherwise).
    private List<Dictionary<string, string>> RouteValues(CataloguedPage page)
    {
        List<Dictionary<string, string>> combinations = [[]];
        foreach (var parameter in page.RouteParameters)
        {
            IReadOnlyList<string> candidates = world.ValuesFor(parameter.Name) is { Count: > 0 } known ? known
                : parameter.IsGuid ? world.AllIds
                : parameter.IsInt ? ["1"]
                : ["prueba"];
            combinations = [.. combinations.SelectMany(c => candidates.Select(v => new Dictionary<string, string>(c) { [parameter.Name] = v }))];
        }

        return combinations;
    }

    /// The page at each route combination: bare, with each known value of each query parameter, and
    /// with all of them together (a link carries an email and its code).
    private IEnumerable<string> Addresses(CataloguedPage page, List<Dictionary<string, string>> routes)
    {
        var known = page.GetParameters.Select(n => (Name: n, Values: world.ValuesFor(n))).Where(p => p.Values.Count > 0).ToList();
        foreach (var path in routes.Select(page.Path))
        {
            yield return path;
            foreach (var (name, values) in known)
            {
                foreach (var value in values)
                {
                    yield return WithQuery(path, name, value);
                }
            }

            if (known.Count > 1)
            {
                for (var i = 0; i < known.Max(p => p.Values.Count); i++)
                {
                    yield return known.Aggregate(path, (url, p) => WithQuery(url, p.Name, p.Values[i % p.Values.Count]));
                }
            }
        }
    }

    /// A post the page draws no form for (no handler, or one it does not have), and a PUT, with a
    /// valid antiforgery token: what someone replaying or crafting a form sends.
    private async Task PostUnofferedAsync(WebSession session, HtmlPage page, string role)
    {
        if (page.Document.QuerySelector<IHtmlInputElement>("input[name=__RequestVerificationToken]")?.Value is not { } token)
        {
            return;
        }

        foreach (var (what, value) in HostileValues.Prepend(("no handler", "")))
        {
            var target = value.Length == 0 ? page.Url.AbsolutePath : WithQuery(page.Url.AbsolutePath, "handler", value);
            using var content = new FormUrlEncodedContent([new("__RequestVerificationToken", token)]);
            using var _ = await SendAsync($"POST {page.Url.AbsolutePath} with {what} as handler, as {RoleName(role)}",
                () => session.Client.PostAsync(new Uri(target, UriKind.Relative), content));
        }

        using var put = new FormUrlEncodedContent([new("__RequestVerificationToken", token)]);
        using var __ = await SendAsync($"PUT {page.Url.AbsolutePath} as {RoleName(role)}",
            () => session.Client.PutAsync(new Uri(page.Url.AbsolutePath, UriKind.Relative), put));
    }

    private async Task ProbeFormAsync(string role, WebSession session, Scenario scenario, HtmlPage page, IHtmlFormElement form, string key, int index)
    {
        var isPost = string.Equals(form.Method, "post", StringComparison.OrdinalIgnoreCase);
        var action = ActionOf(page, form);
        var targets = Targets(form, action, isPost, scenario.Url);
        (HtmlPage Page, IHtmlFormElement Form)? current = isPost && !scenario.Changed ? (page, form) : null;
        foreach (var target in targets)
        {
            foreach (var (what, value) in target.Values())
            {
                string Description(HtmlPage on, IHtmlFormElement drawn) =>
                    $"{(isPost ? "POST" : "GET")} {ActionOf(on, drawn).AbsolutePath} (form on {on.Url.PathAndQuery}, {world.StateOf(on.Url.AbsolutePath)}) with {what} in {target.Describe()} as {RoleName(role)}";
                if (!isPost)
                {
                    var url = GetSubmission(form, action, target.Name, value);
                    using var _ = await SendAsync(Description(page, form), () => session.GetAsync(url));
                    continue;
                }

                current ??= await FreshFormAsync(role, session, scenario, key, index);
                if (current is not { } drawn)
                {
                    // An earlier probe moved the application into a state its maker does not make
                    // (a file in review, asked for a correction from the back office): the form
                    // belonged to that state, and was probed in it as far as it stood.
                    Abandoned++;
                    return;
                }

                using var response = await SendAsync(Description(drawn.Page, drawn.Form), () => SubmitAsync(session, drawn.Page, drawn.Form, target, value));
                // A post that did something redirects (post/redirect/get): the page's stamp, or the
                // form itself, may have changed. A refused one leaves the page as it was drawn.
                if (response is null || (int)response.StatusCode is >= 300 and < 400)
                {
                    current = null;
                    scenario.Changed = true;
                }
            }
        }
    }

    private static async Task<HttpResponseMessage> SubmitAsync(WebSession session, HtmlPage page, IHtmlFormElement form, FormTarget target, string value)
    {
        const string selector = "form[data-probe]";
        var action = form.GetAttribute("action");
        form.SetAttribute("data-probe", "");
        try
        {
            var values = FilledIn(form);
            if (target.Kind == TargetKind.Query)
            {
                form.SetAttribute("action", WithQuery(ActionOf(page, form).PathAndQuery, target.Name, value));
            }
            else if (target.Kind == TargetKind.Field)
            {
                values[target.Name] = value;
            }

            var multipart = string.Equals(form.Enctype, "multipart/form-data", StringComparison.OrdinalIgnoreCase);
            if (multipart && form.QuerySelector("input[type=file][name]") is not null)
            {
                var file = target.Kind == TargetKind.FileName ? TestFiles.Pdf(value) : null;
                return await session.SubmitFileAsync(page, selector, file, values);
            }

            // The framework answers 400 to a form-encoded %00 before the app reads the form; as
            // multipart, a NUL reaches the app's binding, which is what is under test.
            return value.Contains('\0', StringComparison.Ordinal) && target.Kind == TargetKind.Field
                ? await session.SubmitAsMultipartAsync(page, values, selector)
                : await session.SubmitAsync(page, values, selector);
        }
        finally
        {
            // The same drawn form serves the next probe.
            form.RemoveAttribute("data-probe");
            if (action is null)
            {
                form.RemoveAttribute("action");
            }
            else
            {
                form.SetAttribute("action", action);
            }
        }
    }

    /// What a person fills in where the page left a choice or a field empty (the first option, a
    /// plausible text of the field's type), so the hostile value in one field travels as far into
    /// the handler as a real post would, rather than stopping at another field left blank.
    private static Dictionary<string, string?> FilledIn(IHtmlFormElement form)
    {
        var values = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var group in form.QuerySelectorAll<IHtmlInputElement>("input[type=radio][name]").GroupBy(r => r.Name!))
        {
            if (!group.Any(r => r.IsChecked))
            {
                values[group.Key] = group.First().Value;
            }
        }

        foreach (var select in form.QuerySelectorAll<IHtmlSelectElement>("select[name]"))
        {
            if (string.IsNullOrEmpty(select.Value) && select.Options.FirstOrDefault(o => !string.IsNullOrEmpty(o.Value)) is { } first)
            {
                values[select.Name!] = first.Value;
            }
        }

        foreach (var control in form.QuerySelectorAll("input[name], textarea[name]"))
        {
            var (type, current) = control switch
            {
                IHtmlInputElement input => (input.Type, input.Value),
                IHtmlTextAreaElement textarea => ("textarea", textarea.Value),
                _ => ("", ""),
            };
            if (current.Length > 0 || type is "hidden" or "submit" or "button" or "checkbox" or "radio" or "file")
            {
                continue;
            }

            values[control.GetAttribute("name")!] = type switch
            {
                "email" => TestData.NewEmail("sonda"),
                "password" => TestData.NewPassword(),
                "date" => "2099-12-24",
                "datetime-local" => "2099-12-24T10:00",
                _ when control.GetAttribute("inputmode") is "numeric" or "decimal" => "1",
                _ => "Texto de prueba escrito por una persona, con más de veinte caracteres.",
            };
        }

        return values;
    }

    private static bool HasTextToWrite(IHtmlFormElement form) =>
        form.QuerySelectorAll("textarea[name], select[name], input[name]")
            .Any(c => c is not IHtmlInputElement { Type: "hidden" or "submit" or "button" or "checkbox" or "radio" or "file" });

    /// The page drawn again, for a fresh antiforgery token and stamp, and the same form on it. When an
    /// earlier probe moved the application on and the form is gone, the page of an application made
    /// again in the same state.
    private async Task<(HtmlPage Page, IHtmlFormElement Form)?> FreshFormAsync(string role, WebSession session, Scenario scenario, string key, int index)
    {
        for (var attempt = 0; attempt < 2; attempt++)
        {
            using var response = await SendAsync($"GET {scenario.Url} as {RoleName(role)}", () => session.GetAsync(scenario.Url));
            if (response is { StatusCode: HttpStatusCode.OK })
            {
                var page = await response.ReadPageAsync();
                var same = page.Document.QuerySelectorAll<IHtmlFormElement>("form").Where(f => FormKey(role, page, f) == key).ToList();
                if (same.Count > 0)
                {
                    return (page, same[Math.Min(index, same.Count - 1)]);
                }
            }

            if (attempt == 0 && await world.RenewAsync(scenario.Url) is { } renewed)
            {
                scenario.Url = renewed;
                Renewals++;
            }
            else
            {
                break;
            }
        }

        return null;
    }

    /// What a person, or someone editing the page, can put in a form: every named control (hidden
    /// ones, the antiforgery token and buttons included), the chosen file's name, the parameters of
    /// the address it posts to, and the handler's own parameters the form does not carry.
    private List<FormTarget> Targets(IHtmlFormElement form, Uri action, bool isPost, string drawnOn)
    {
        var targets = new List<FormTarget>();
        var page = isPost ? catalogue.FirstOrDefault(p => p.Matches(action.AbsolutePath)) : null;
        foreach (var control in form.QuerySelectorAll("input[name], select[name], textarea[name], button[name]"))
        {
            var name = control.GetAttribute("name")!;
            if (control is IHtmlTextAreaElement && page is not null && page.DataTypes.GetValueOrDefault(ListIndex().Replace(name, "")) != "MultilineText")
            {
                Flattened.Add($"{name} (a textarea of the form posting to {action.AbsolutePath}, on {drawnOn})");
            }

            var kind = control is IHtmlInputElement { Type: "file" } ? TargetKind.FileName : TargetKind.Field;
            if (!targets.Any(t => t.Name == name && t.Kind == kind))
            {
                var maxLength = int.TryParse(control.GetAttribute("maxlength"), out var max) ? max : (int?)null;
                targets.Add(new FormTarget(name, kind, maxLength));
            }
        }

        foreach (var name in QueryNames(action.Query))
        {
            targets.Add(new FormTarget(name, TargetKind.Query));
        }

        if (page is not null)
        {
            var handler = QueryHelpers.ParseQuery(action.Query).TryGetValue("handler", out var named) ? named.ToString() : "";
            foreach (var name in page.PostParameters.GetValueOrDefault(handler) ?? [])
            {
                if (!targets.Any(t => string.Equals(t.Name, name, StringComparison.OrdinalIgnoreCase)))
                {
                    targets.Add(new FormTarget(name, TargetKind.Field));
                }
            }
        }

        return targets;
    }

    /// The address a GET form leads to, with one field's value replaced.
    private static string GetSubmission(IHtmlFormElement form, Uri action, string name, string value)
    {
        var fields = new List<KeyValuePair<string, string>>();
        foreach (var control in form.QuerySelectorAll("input[name], select[name], textarea[name]"))
        {
            var field = control.GetAttribute("name")!;
            var current = control switch
            {
                IHtmlInputElement { Type: "checkbox" or "radio", IsChecked: false } => null,
                IHtmlInputElement { Type: "submit" or "button" or "file" } => null,
                IHtmlInputElement input => input.Value,
                IHtmlSelectElement select => select.Value ?? "",
                IHtmlTextAreaElement textarea => textarea.Value,
                _ => null,
            };
            if (current is not null && field != name)
            {
                fields.Add(new(field, current));
            }
        }

        fields.Add(new(name, value));
        return action.AbsolutePath + "?" + string.Join('&', fields.Select(f => $"{Uri.EscapeDataString(f.Key)}={Uri.EscapeDataString(f.Value)}"));
    }

    /// Forms are the same when they post the same fields to the same handler (ids and numbers aside):
    /// each is probed once per role, wherever it is drawn.
    private static string FormKey(string role, HtmlPage page, IHtmlFormElement form)
    {
        var action = ActionOf(page, form);
        var fields = form.QuerySelectorAll("input[name], select[name], textarea[name], button[name]")
            .Select(e => e.GetAttribute("name")!).Distinct().Order(StringComparer.Ordinal);
        var where = Digits().Replace(Ids().Replace(action.PathAndQuery, "{id}"), "#");
        return $"{role}|{form.Method}|{where}|{string.Join(',', fields)}";
    }

    private static Uri ActionOf(HtmlPage page, IHtmlFormElement form)
    {
        var action = form.GetAttribute("action");
        return string.IsNullOrEmpty(action) ? page.Url : new Uri(page.Url, action);
    }

    private static string WithQuery(string url, string name, string value)
    {
        var question = url.IndexOf('?', StringComparison.Ordinal);
        var path = question < 0 ? url : url[..question];
        var pairs = question < 0 ? [] : url[(question + 1)..].Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Where(p => !string.Equals(Uri.UnescapeDataString(p.Split('=')[0]), name, StringComparison.OrdinalIgnoreCase))
            .ToList();
        pairs.Add($"{Uri.EscapeDataString(name)}={Uri.EscapeDataString(value)}");
        return path + "?" + string.Join('&', pairs);
    }

    private static List<string> QueryNames(string query) =>
        [.. query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries).Select(p => Uri.UnescapeDataString(p.Split('=')[0])).Distinct()];

    private async Task<WebSession> SessionAsync(string role)
    {
        if (!sessions.TryGetValue(role, out var session))
        {
            session = role == Anonymous ? app.CreateSession() : await app.SignedInSessionAsync(world.For(role).Account);
            sessions[role] = session;
        }

        return session;
    }

    private async Task<HttpResponseMessage?> SendAsync(string description, Func<Task<HttpResponseMessage>> send)
    {
        Requests++;
        try
        {
            return await send();
        }
        catch (HttpRequestException e)
        {
            // ServerErrorHandler: a 5xx, with what the app logged for it.
            Failures.Add($"{Shorten(description)}\n{Shorten(e.Message)}");
            return null;
        }
        catch (InvalidOperationException e) when (e.Message.Contains("path contains null characters", StringComparison.Ordinal))
        {
            // The test server decodes the path as Kestrel does, and Kestrel answers such a request
            // 400 before the app sees it: nothing of the app's to probe.
            return null;
        }
    }

    /// Long probe values and stack traces, cut to what a person reads in a test report.
    public static string Shorten(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var shorter = LongRuns().Replace(text, m => $"«a×{m.Length}»").Replace("\0", "\\0", StringComparison.Ordinal);
        return shorter.Length <= 3000 ? shorter : shorter[..3000] + "…";
    }

    public void Dispose()
    {
        foreach (var session in sessions.Values)
        {
            session.Dispose();
        }
    }

    [GeneratedRegex("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")]
    private static partial Regex Ids();

    [GeneratedRegex("[0-9]+")]
    private static partial Regex Digits();

    /// A list index in a field's name: "[0]" of "Input.Requirements[0].Description".
    [GeneratedRegex(@"\[[0-9]+\]")]
    private static partial Regex ListIndex();

    [GeneratedRegex("a{50,}")]
    private static partial Regex LongRuns();

    /// The address a page was drawn at, as the probe moves it on (an application made again).
    private sealed class Scenario(string url)
    {
        public string Url { get; set; } = url;

        /// A post did something since the page was drawn: its other forms must be drawn again.
        public bool Changed { get; set; }
    }

    private enum TargetKind
    {
        Field,
        Query,
        FileName,
    }

    private sealed record FormTarget(string Name, TargetKind Kind, int? MaxLength = null)
    {
        /// The hostile values, and for a field that declares a maxlength, text exactly that long:
        /// all the form lets a person type, which the app must store, or refuse in words.
        public IEnumerable<(string Name, string Value)> Values() =>
            MaxLength is int max ? HostileValues.Append(($"{max} caracteres (su maxlength)", new string('a', max))) : HostileValues;

        public string Describe() => Kind switch
        {
            TargetKind.Query => $"?{Name}",
            TargetKind.FileName => $"the name of the file in {Name}",
            _ => Name,
        };
    }
}
