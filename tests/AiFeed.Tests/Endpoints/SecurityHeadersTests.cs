using System.Net;
using AiFeed.Endpoints;
using AiFeed.Publishing.Newsletter;
using AiFeed.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace AiFeed.Tests.Endpoints;

/// <summary>nosniff on every response; a Content-Security-Policy and Referrer-Policy on every HTML page, whichever stack renders it.</summary>
public sealed class SecurityHeadersTests(SecurityHeadersTests.Host host) : IClassFixture<SecurityHeadersTests.Host>
{
    private readonly HttpClient client = host.Client;

    [Theory]
    [InlineData("/", SecurityHeaders.DefaultPolicy)]
    [InlineData("/top", SecurityHeaders.DefaultPolicy)]
    [InlineData("/sources", SecurityHeaders.DefaultPolicy)]
    [InlineData("/newsletter", SecurityHeaders.DefaultPolicy)]
    [InlineData("/newsletter/2026-11-26", SecurityHeaders.DefaultPolicy)]
    [InlineData("/learn", SecurityHeaders.DefaultPolicy)]
    [InlineData("/learn/positional-encodings", SecurityHeaders.DefaultPolicy)]
    [InlineData("/problems/binary-cross-entropy", LearningPages.ProblemContentSecurityPolicy)]
    [InlineData("/api/newsletter/2026-11-26?format=html", NewsletterApi.HtmlContentSecurityPolicy)]
    public async Task HtmlPage_AnyStack_CspNosniffAndReferrerPolicy(string path, string policy)
    {
        // Act
        using var response = await client.GetAsync(path, TestContext.Current.CancellationToken);

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(policy, Header(response, "Content-Security-Policy"));
        Assert.Contains("frame-ancestors 'none'", policy, StringComparison.Ordinal);
        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
        Assert.Equal("no-referrer", Header(response, "Referrer-Policy"));
    }

    [Theory]
    [InlineData("/api/posts")]
    [InlineData("/api/posts?limit=5")]
    [InlineData("/api/sources")]
    [InlineData("/api/tags")]
    [InlineData("/api/today")]
    [InlineData("/api/learning/plan")]
    [InlineData("/api/learning/problems/binary-cross-entropy/plot.svg")]
    [InlineData("/api/newsletter")]
    [InlineData("/api/newsletter/2026-11-26")]
    [InlineData("/api/newsletter/2026-11-26?format=md")]
    [InlineData("/api/newsletter/2026-11-26?format=txt")]
    [InlineData("/feed.xml")]
    [InlineData("/feed.atom")]
    [InlineData("/feed.json")]
    [InlineData("/sources.opml")]
    [InlineData("/assets/reader.css")]
    [InlineData("/healthz")]
    [InlineData("/openapi/v1.json")]
    [InlineData("/api/posts/no-such-post")]
    [InlineData("/no-such-page")]
    public async Task AnyResponse_ApiFeedsAssetsAndErrors_Nosniff(string path)
    {
        // Act
        using var response = await client.GetAsync(path, TestContext.Current.CancellationToken);

        // Assert
        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
    }

    /// <summary>One app for every request of the class (only GETs), with the day's issue composed.</summary>
    public sealed class Host : IAsyncLifetime
    {
        private readonly AiFeedApp app = new();

        public HttpClient Client { get; private set; } = null!;

        public async ValueTask InitializeAsync()
        {
            Client = app.CreateClient();
            await app.Services.GetRequiredService<NewsletterService>().GetOrComposeAsync(new DateOnly(2026, 11, 26), TestContext.Current.CancellationToken);
        }

        public async ValueTask DisposeAsync()
        {
            Client.Dispose();
            await app.DisposeAsync();
        }
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values) ? string.Join(", ", values) : null;
}
