using System.Net;
using AiFeed.Ingestion.Fetching;
using AiFeed.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AiFeed.Tests.Ingestion.Fetching;

/// <summary>The feed client reaches public addresses only, checked after resolution, unless allowed.</summary>
public sealed class OutboundAddressTests : IAsyncLifetime
{
    private LoopbackServer server = null!;

    public async ValueTask InitializeAsync()
    {
        server = await LoopbackServer.StartAsync(TestContext.Current.CancellationToken);
        server.MapFeed("/feed.xml", () => "<rss version=\"2.0\"><channel><title>t</title></channel></rss>");
    }

    public async ValueTask DisposeAsync() => await server.DisposeAsync();

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("localhost")]
    [InlineData("rebound.example.test")]
    public async Task Fetch_DefaultSettingsHostOnLoopback_RefusedWithoutRequest(string host)
    {
        // Arrange: rebound.example.test is a public-looking name that resolves to 127.0.0.1.
        await using var services = BuildServices([]);

        // Act
        var result = await FetchAsync(services, host);

        // Assert
        Assert.Equal(FetchOutcome.Failed, result.Outcome);
        Assert.Contains("not a public address", result.Error, StringComparison.Ordinal);
        Assert.Empty(server.Requests);
    }

    [Theory]
    [InlineData("Fetch:AllowedNetworks:0", "127.0.0.0/8")]
    [InlineData("Fetch:AllowedHosts:0", "rebound.example.test")]
    public async Task Fetch_AllowListed_ConnectsToTheResolvedAddress(string key, string value)
    {
        // Arrange
        await using var services = BuildServices(new Dictionary<string, string?> { [key] = value });

        // Act
        var result = await FetchAsync(services, "rebound.example.test");

        // Assert
        Assert.Equal(FetchOutcome.Ok, result.Outcome);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task Options_AllowedNetworkNotCidr_FailValidation()
    {
        // Arrange
        await using var services = BuildServices(new Dictionary<string, string?> { ["Fetch:AllowedNetworks:0"] = "intranet" });

        // Act
        var ex = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<FetchOptions>>().Value);

        // Assert
        Assert.Contains("'intranet' is not a network in CIDR notation", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("10.1.2.3")]
    [InlineData("169.254.169.254")]
    [InlineData("internal.example.test")]
    [InlineData("metadata.google.internal")]
    [InlineData("intranet")]
    public async Task Fetch_ThroughProxyToInternalDestination_RefusedBeforeTheProxySeesIt(string host)
    {
        // Arrange: the loopback server is the proxy; internal.example.test resolves to 10.1.2.3, the
        // two names after it resolve nowhere here (a proxy with its own DNS would resolve them).
        await using var services = BuildServices(new Dictionary<string, string?> { ["Fetch:Proxy"] = server.BaseUri.AbsoluteUri });

        // Act
        var result = await FetchAsync(services, host);

        // Assert
        Assert.Equal(FetchOutcome.Failed, result.Outcome);
        Assert.Contains("refused", result.Error, StringComparison.Ordinal);
        Assert.Empty(server.Requests);
    }

    [Theory]
    [InlineData("public.example.test")]
    [InlineData("unresolvable.example.org")]
    public async Task Fetch_ThroughProxyToPublicDestination_GoesThroughTheProxy(string host)
    {
        // Arrange: the proxy is on loopback, which the guard would refuse as a destination: the
        // operator's proxy is trusted, the destination is what is checked.
        await using var services = BuildServices(new Dictionary<string, string?> { ["Fetch:Proxy"] = server.BaseUri.AbsoluteUri });

        // Act
        var result = await FetchAsync(services, host);

        // Assert
        Assert.Equal(FetchOutcome.Ok, result.Outcome);
        var request = Assert.Single(server.Requests);
        Assert.Equal("/feed.xml", request.Path);
    }

    [Theory]
    [InlineData("10.1.2.3")]
    [InlineData("172.16.0.1")]
    [InlineData("192.168.1.1")]
    [InlineData("127.0.0.2")]
    [InlineData("0.0.0.0")]
    [InlineData("100.64.0.1")]
    [InlineData("169.254.169.254")]
    [InlineData("224.0.0.1")]
    [InlineData("255.255.255.255")]
    [InlineData("::")]
    [InlineData("::1")]
    [InlineData("::ffff:127.0.0.1")]
    [InlineData("::ffff:10.0.0.1")]
    [InlineData("fe80::1")]
    [InlineData("fd00:ec2::254")]
    [InlineData("fc00::1")]
    [InlineData("ff02::1")]
    [InlineData("64:ff9b::a00:1")]
    public void IsPublic_InternalOrReservedAddress_False(string address) =>
        Assert.False(AddressPolicy.IsPublic(IPAddress.Parse(address)));

    [Theory]
    [InlineData("8.8.8.8")]
    [InlineData("151.101.1.69")]
    [InlineData("2606:4700:4700::1111")]
    [InlineData("::ffff:8.8.8.8")]
    public void IsPublic_PublicAddress_True(string address) =>
        Assert.True(AddressPolicy.IsPublic(IPAddress.Parse(address)));

    private async Task<FetchResult> FetchAsync(ServiceProvider services, string host)
    {
        var url = new UriBuilder(server.Url("/feed.xml")) { Host = host }.Uri;
        return await services.GetRequiredService<FeedFetcher>().FetchAsync(
            new FetchRequest(url, null, null, "AiFeedTest/1.0", 1 << 20, TimeSpan.FromSeconds(5)),
            TestContext.Current.CancellationToken);
    }

    // Default settings except for settings; names resolve through a fake resolver.
    private static ServiceProvider BuildServices(Dictionary<string, string?> settings)
    {
        var services = new ServiceCollection();
        settings["Fetch:RetryDelay"] = "00:00:00";
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        services.AddSingleton(TimeProvider.System);
        services.AddLogging();
        services.AddSingleton<IHostResolver, FakeResolver>();
        services.AddFeedFetching();
        return services.BuildServiceProvider();
    }

    private sealed class FakeResolver : IHostResolver
    {
        public Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken) => Task.FromResult(host switch
        {
            "localhost" or "rebound.example.test" => new[] { IPAddress.Loopback },
            "internal.example.test" => [IPAddress.Parse("10.1.2.3")],
            "public.example.test" => [IPAddress.Parse("93.184.216.34")],
            _ => throw new System.Net.Sockets.SocketException((int)System.Net.Sockets.SocketError.HostNotFound),
        });
    }
}
