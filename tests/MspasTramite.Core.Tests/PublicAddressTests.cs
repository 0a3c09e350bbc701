using Microsoft.Extensions.Configuration;

namespace MspasTramite.Core.Tests;

/// The one address every link is made from (PublicBaseUrl).
public sealed class PublicAddressTests
{
    [Theory]
    [InlineData("https://tramites.mspas.gob.gt", "/verificar/ABC", "https://tramites.mspas.gob.gt/verificar/ABC")]
    [InlineData("https://tramites.mspas.gob.gt/", "/verificar/ABC", "https://tramites.mspas.gob.gt/verificar/ABC")]
    [InlineData("http://localhost:5080", "/cuenta/confirmar?userId=1&code=x-y_z", "http://localhost:5080/cuenta/confirmar?userId=1&code=x-y_z")]
    [InlineData("https://www.mspas.gob.gt/tramites/", "/verificar/ABC", "https://www.mspas.gob.gt/tramites/verificar/ABC")]
    // Stripe replaces the placeholder itself: it must arrive as written, not percent-encoded.
    [InlineData("https://tramites.mspas.gob.gt", "/pago/exito?session_id={CHECKOUT_SESSION_ID}", "https://tramites.mspas.gob.gt/pago/exito?session_id={CHECKOUT_SESSION_ID}")]
    public void Link_IsThePathAtTheConfiguredAddress(string baseUrl, string path, string expected)
    {
        var address = PublicAddress.FromConfiguration(Configuration(baseUrl));

        Assert.Equal(expected, address.Link(path));
    }

    [Theory]
    [InlineData("verificar/ABC")]
    [InlineData("//evil.example/verificar")] // a protocol-relative path would leave the site
    [InlineData("https://evil.example/verificar")]
    public void Link_OfSomethingOtherThanAPath_Throws(string path)
    {
        var address = PublicAddress.FromConfiguration(Configuration("https://tramites.mspas.gob.gt"));

        Assert.Throws<ArgumentException>(() => address.Link(path));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("tramites.mspas.gob.gt")]
    [InlineData("/cuenta")]
    [InlineData("ftp://tramites.mspas.gob.gt")]
    [InlineData("https://tramites.mspas.gob.gt/?a=b")]
    [InlineData("https://usuario:clave@tramites.mspas.gob.gt")]
    public void FromConfiguration_WithoutAnAbsoluteHttpAddress_ThrowsNamingTheSetting(string? value)
    {
        var error = Assert.Throws<InvalidOperationException>(() => PublicAddress.FromConfiguration(Configuration(value)));

        Assert.StartsWith("PublicBaseUrl must be set to the service's public address", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Host_IsTheAsciiNameAHostHeaderCarries()
    {
        Assert.Equal("tramites.mspas.gob.gt", PublicAddress.FromConfiguration(Configuration("https://tramites.mspas.gob.gt:8443")).Host);
        Assert.Equal("xn--salud-1qa.gt", PublicAddress.FromConfiguration(Configuration("https://saludá.gt")).Host);
    }

    private static IConfiguration Configuration(string? publicBaseUrl) =>
        new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [PublicAddress.Key] = publicBaseUrl }).Build();
}
