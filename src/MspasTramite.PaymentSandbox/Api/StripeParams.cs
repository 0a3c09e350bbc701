using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Primitives;

namespace MspasTramite.PaymentSandbox.Api;

/// Stripe's form encoding as a tree: "line_items[0][price_data][currency]=gtq" becomes
/// line_items → 0 → price_data → currency. Lists arrive indexed ("expand[0]") or, from hand-written
/// requests, as "expand[]".
internal sealed class StripeParams
{
    private readonly List<KeyValuePair<string, string>> pairs;

    private StripeParams(List<KeyValuePair<string, string>> pairs, ParamNode root)
    {
        this.pairs = pairs;
        Root = root;
    }

    public ParamNode Root { get; }

    public static StripeParams Parse(IEnumerable<KeyValuePair<string, StringValues>> source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var pairs = new List<KeyValuePair<string, string>>();
        var root = new ParamNode("");
        foreach (var (key, values) in source)
        {
            foreach (var value in values)
            {
                pairs.Add(new(key, value ?? ""));
                Insert(root, key, value ?? "");
            }
        }

        return new StripeParams(pairs, root);
    }

    /// What "the same parameters" means for an idempotency key: the same method, path and pairs, in any order.
    public string Fingerprint(string method, string path)
    {
        var canonical = new StringBuilder().Append(method).Append(' ').Append(path).Append('\n');
        foreach (var (key, value) in pairs.OrderBy(p => p.Key, StringComparer.Ordinal).ThenBy(p => p.Value, StringComparer.Ordinal))
        {
            canonical.Append(key).Append('=').Append(value).Append('\n');
        }

        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(canonical.ToString())));
    }

    private static void Insert(ParamNode root, string key, string value)
    {
        var segments = Split(key);
        var node = root;
        foreach (var segment in segments)
        {
            node = segment.Length == 0 ? node.Append() : node.Child(segment, create: true)!;
        }

        node.Value = value;
    }

    private static List<string> Split(string key)
    {
        var open = key.IndexOf('[', StringComparison.Ordinal);
        if (open < 0)
        {
            return [key];
        }

        var segments = new List<string> { key[..open] };
        var rest = key[open..];
        while (rest.Length > 0 && rest[0] == '[')
        {
            var close = rest.IndexOf(']', StringComparison.Ordinal);
            if (close < 0)
            {
                break;
            }

            segments.Add(rest[1..close]);
            rest = rest[(close + 1)..];
        }

        return segments;
    }
}

internal sealed class ParamNode(string name)
{
    private readonly Dictionary<string, ParamNode> children = new(StringComparer.Ordinal);

    /// The parameter's name as Stripe reports it in errors: "line_items[0][quantity]".
    public string Name { get; } = name;

    public string? Value { get; set; }

    public bool HasChildren => children.Count > 0;

    public IEnumerable<ParamNode> Children => children.Values;

    public ParamNode? this[string key] => Child(key, create: false);

    /// List items in index order ("0", "1", … "10").
    public IReadOnlyList<ParamNode> Items =>
        [.. children.Values.OrderBy(c => int.TryParse(LastSegment(c.Name), NumberStyles.None, CultureInfo.InvariantCulture, out var i) ? i : int.MaxValue)];

    public ParamNode? Child(string key, bool create)
    {
        if (children.TryGetValue(key, out var child))
        {
            return child;
        }

        if (!create)
        {
            return null;
        }

        child = new ParamNode(Name.Length == 0 ? key : $"{Name}[{key}]");
        children[key] = child;
        return child;
    }

    public ParamNode Append() => Child(children.Count.ToString(CultureInfo.InvariantCulture), create: true)!;

    public string? String(string key) => this[key]?.Value is { Length: > 0 } value ? value : null;

    public string RequiredString(string key) =>
        String(key) ?? throw StripeApiException.Missing(Child(key, create: false)?.Name ?? Qualified(key));

    public long? Long(string key)
    {
        var raw = String(key);
        if (raw is null)
        {
            return null;
        }

        return long.TryParse(raw, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw StripeApiException.InvalidInteger(Qualified(key), raw);
    }

    public long RequiredLong(string key) => Long(key) ?? throw StripeApiException.Missing(Qualified(key));

    /// metadata[key]=value pairs; Stripe's limits are 50 keys, 40-character keys and 500-character values.
    public Dictionary<string, string> Dictionary(string key)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        var node = this[key];
        if (node is null)
        {
            return result;
        }

        if (node.Value is { Length: > 0 } && !node.HasChildren)
        {
            throw StripeApiException.InvalidRequest($"Invalid object", node.Name);
        }

        foreach (var child in node.Children)
        {
            var name = LastSegment(child.Name);
            if (name.Length > 40)
            {
                throw StripeApiException.InvalidRequest(
                    $"Metadata keys can have up to 40 characters. The key '{name}' is too long.", child.Name);
            }

            if ((child.Value ?? "").Length > 500)
            {
                throw StripeApiException.InvalidRequest(
                    $"Metadata values can have up to 500 characters, but you passed in a value that is {child.Value!.Length} characters. Invalid value: {child.Value}",
                    child.Name);
            }

            // An empty value means "no such key", as when Stripe unsets metadata.
            if (!string.IsNullOrEmpty(child.Value))
            {
                result[name] = child.Value;
            }
        }

        if (result.Count > 50)
        {
            throw StripeApiException.InvalidRequest("Metadata can have up to 50 keys.", node.Name);
        }

        return result;
    }

    /// A list given as expand[0]=a&expand[1]=b (what Stripe.net sends) or as a single value.
    public IReadOnlyList<string> List(string key)
    {
        var node = this[key];
        if (node is null)
        {
            return [];
        }

        return node.HasChildren
            ? [.. node.Items.Select(i => i.Value).OfType<string>().Where(v => v.Length > 0)]
            : node.Value is { Length: > 0 } single ? [single] : [];
    }

    private static string LastSegment(string name)
    {
        var open = name.LastIndexOf('[');
        return open < 0 ? name : name[(open + 1)..^1];
    }

    private string Qualified(string key) => Name.Length == 0 ? key : $"{Name}[{key}]";
}
