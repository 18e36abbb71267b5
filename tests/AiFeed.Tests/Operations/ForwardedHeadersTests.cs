using System.Net;
using AiFeed.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace AiFeed.Tests.Operations;

/// <summary>Behind a reverse proxy: the rate limit is per client once the proxy is named, per proxy otherwise.</summary>
public sealed class ForwardedHeadersTests
{
    [Theory]
    [InlineData("ForwardedHeaders:KnownNetworks:0", "10.0.0.0/8", HttpStatusCode.OK)]
    [InlineData("ForwardedHeaders:KnownProxies:0", "10.1.2.3", HttpStatusCode.OK)]
    [InlineData("ForwardedHeaders:KnownProxies:0", "10.9.9.9", HttpStatusCode.TooManyRequests)]
    public async Task RateLimit_TwoClientsBehindOneProxy_SeparateOnlyWhenTheProxyIsKnown(string key, string value, HttpStatusCode secondClient)
    {
        // Arrange: every request arrives from the proxy at 10.1.2.3, with the client in X-Forwarded-For.
        await using var app = new AiFeedApp(settings: new Dictionary<string, string?>
        {
            ["RateLimiting:PermitLimit"] = "2",
            ["RateLimiting:Window"] = "00:01:00",
            [key] = value,
        });
        await using var proxied = app.WithWebHostBuilder(b => b.ConfigureServices(s => s.AddSingleton<IStartupFilter, FromProxy>()));
        using var client = proxied.CreateClient();

        // Act
        var first = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            first.Add(await GetAsync(client, "203.0.113.1"));
        }

        var second = await GetAsync(client, "203.0.113.2");

        // Assert
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], first);
        Assert.Equal(secondClient, second);
    }

    [Fact]
    public async Task Serve_KnownNetworkNotANetwork_OneLineNamingTheKeyExitOne()
    {
        // Arrange
        using var folder = new TempDirectory();
        var feeds = CatalogFile.Write(folder.File("feeds.json"), []);

        // Act
        var result = await AiFeedProcess.RunAsync(
            folder.Path, TestContext.Current.CancellationToken, "--feeds", feeds, "--data", folder.File("data"), "--urls", "http://127.0.0.1:0", "--ForwardedHeaders:KnownNetworks:0=docker");

        // Assert
        Assert.Equal(1, result.ExitCode);
        Assert.Equal(
            "aifeed: the configuration is not valid: ForwardedHeaders:KnownNetworks: 'docker' is not a network such as 172.18.0.0/16; fix it in appsettings.json, the environment or the command line (docs/configuration.md)\n",
            result.Stderr);
    }

    private static async Task<HttpStatusCode> GetAsync(HttpClient client, string forwardedFor)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/api/sources", UriKind.Relative));
        request.Headers.Add("X-Forwarded-For", forwardedFor);
        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
        return response.StatusCode;
    }

    /// <summary>The test server has no peer address; this one stands for the proxy's.</summary>
    private sealed class FromProxy : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                context.Connection.RemoteIpAddress = IPAddress.Parse("10.1.2.3");
                return nextMiddleware(context);
            });
            next(app);
        };
    }
}
