using Microsoft.Extensions.Primitives;
using MspasTramite.PaymentSandbox.Api;

namespace MspasTramite.PaymentSandbox.Tests.Api;

public sealed class StripeParamsTests
{
    private static StripeParams Parse(params (string Key, string Value)[] pairs) =>
        StripeParams.Parse(pairs.Select(p => new KeyValuePair<string, StringValues>(p.Key, p.Value)));

    [Fact]
    public void NestedKeys_BecomeATree_WithStripesParameterNames()
    {
        var p = Parse(
            ("line_items[0][price_data][currency]", "gtq"),
            ("line_items[0][quantity]", "1"),
            ("line_items[1][quantity]", "2"),
            ("metadata[application_id]", "42"));

        var items = p.Root["line_items"]!.Items;

        Assert.Equal(2, items.Count);
        Assert.Equal("gtq", items[0]["price_data"]!.String("currency"));
        Assert.Equal("line_items[0][price_data]", items[0]["price_data"]!.Name);
        Assert.Equal(2, items[1].Long("quantity"));
        Assert.Equal("42", p.Root.Dictionary("metadata")["application_id"]);
    }

    [Fact]
    public void Lists_AcceptIndexedAndEmptyBrackets_InIndexOrder()
    {
        var indexed = Parse(("expand[10]", "k"), ("expand[2]", "b"), ("expand[0]", "a"));
        var appended = Parse(("expand[]", "a"), ("expand[]", "b"));

        Assert.Equal(["a", "b", "k"], indexed.Root.List("expand"));
        Assert.Equal(["a", "b"], appended.Root.List("expand"));
    }

    [Fact]
    public void AnIntegerThatIsNot_IsStripesInvalidIntegerError()
    {
        var p = Parse(("amount", "10.5"));

        var e = Assert.Throws<StripeApiException>(() => p.Root.Long("amount"));

        Assert.Equal("parameter_invalid_integer", e.Code);
        Assert.Equal("amount", e.Param);
    }

    [Fact]
    public void Fingerprint_IgnoresOrder_ButNotValuesOrPath()
    {
        var a = Parse(("mode", "payment"), ("client_reference_id", "1"));
        var b = Parse(("client_reference_id", "1"), ("mode", "payment"));
        var c = Parse(("client_reference_id", "2"), ("mode", "payment"));

        Assert.Equal(a.Fingerprint("POST", "/v1/checkout/sessions"), b.Fingerprint("POST", "/v1/checkout/sessions"));
        Assert.NotEqual(a.Fingerprint("POST", "/v1/checkout/sessions"), c.Fingerprint("POST", "/v1/checkout/sessions"));
        Assert.NotEqual(a.Fingerprint("POST", "/v1/checkout/sessions"), a.Fingerprint("POST", "/v1/refunds"));
    }

    [Theory]
    [InlineData(50000, "gtq", "Q500.00")]
    [InlineData(123456789, "gtq", "Q1,234,567.89")]
    [InlineData(5, "gtq", "Q0.05")]
    [InlineData(500, "jpy", "JPY 500")]
    public void Money_IsShownInTheCurrencysUnits(long amount, string currency, string expected) =>
        Assert.Equal(expected, Money.Format(amount, currency));
}
