using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AiFeed.Tests.Infrastructure;

namespace AiFeed.Tests.Operations;

public sealed class RateLimitTests
{
    [Fact]
    public async Task PublicApi_OverTheLimit_429ProblemWithRetryAfter()
    {
        // Arrange
        await using var app = new AiFeedApp(settings: new Dictionary<string, string?>
        {
            ["RateLimiting:PermitLimit"] = "3",
            ["RateLimiting:Window"] = "00:01:00",
        });
        using var client = app.CreateClient();
        var statuses = new List<HttpStatusCode>();

        // Act
        foreach (var path in new[] { "/api/posts", "/api/sources", "/api/posts/count", "/api/posts" })
        {
            using var ok = await client.GetAsync(new Uri(path, UriKind.Relative), TestContext.Current.CancellationToken);
            statuses.Add(ok.StatusCode);
        }

        using var limited = await client.GetAsync(new Uri("/api/sources", UriKind.Relative), TestContext.Current.CancellationToken);
        using var health = await client.GetAsync(new Uri("/healthz", UriKind.Relative), TestContext.Current.CancellationToken);

        // Assert
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        var retryAfter = Assert.Single(limited.Headers.GetValues("Retry-After"));
        Assert.InRange(int.Parse(retryAfter, System.Globalization.CultureInfo.InvariantCulture), 1, 60);
        Assert.Equal("application/problem+json", limited.Content.Headers.ContentType?.MediaType);
        var problem = await limited.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.Equal(429, problem.GetProperty("status").GetInt32());
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }
}
