using System.Globalization;
using AiFeed.Endpoints;
using AiFeed.Health;
using AiFeed.Jobs;
using AiFeed.Observability;

namespace AiFeed;

/// <summary>The composition root: every area registers itself here, and the middleware order lives here.</summary>
public static class AiFeedBuilder
{
    public static WebApplicationBuilder AddAiFeed(this WebApplicationBuilder builder)
    {
        // Feed dates and number formats must not depend on the server's locale.
        CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
        CultureInfo.DefaultThreadCurrentUICulture = CultureInfo.InvariantCulture;

        builder.Services.AddAiFeedCore();
        builder.Services.AddCatalogWatching();
        builder.Services.AddHostedService<CatalogChangeListener>();
        builder.Services.AddForwardedHeadersFromConfiguration();
        builder.Services.AddPublicRateLimiting();
        builder.Services.AddPrometheusMetrics();
        builder.Services.AddProblemDetails();
        builder.Services.AddRequestLimits();
        builder.Services.AddOpenApi();
        builder.Services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.Never;
            o.SerializerOptions.TypeInfoResolverChain.Insert(0, ApiJsonContext.Default);
        });
        builder.Configuration.AddAdminKeyFromUserSecrets(builder.Environment);
        builder.Services.AddAdminApi();
        builder.Services.AddHostedService<RetagOnStartService>();
        builder.Services.AddHostedService<StoryUpgradeOnStartService>();
        builder.Services.AddPollingJobs(builder.Configuration);
        builder.Services.AddAiFeedHealthChecks();
        builder.Services.AddFeedOutputs();
        builder.Services.AddResponseCompressionForText();
        builder.Services.AddApiOutputs();
        builder.Services.AddReaderPages();
        builder.Services.AddLearning();
        builder.Services.AddNewsletter();
        builder.Services.AddNewsletterDelivery();
        builder.Services.AddNewsletterJob(builder.Configuration);
        return builder;
    }

    public static WebApplication UseAiFeed(this WebApplication app)
    {
        // Open the store now, on one thread: a held data folder or an unreachable database stops
        // start-up with a clear message; LiteDB's mapper and indexes, or PostgreSQL's migrations,
        // are ready before requests race for them.
        var store = app.Services.GetRequiredService<Storage.IStoreLifecycle>();
        store.Open();
        // LiteDB's search index catches up with the store in the background; searches and counts
        // (and so /readyz) wait for it. A failure is retried by the next search.
        _ = store.ReadyAsync(CancellationToken.None);
        // First: everything after it (rate limits, links, logs) sees the client behind the proxy.
        app.UseForwardedHeaders();
        app.UseSecurityHeaders();
        app.UseResponseCompression();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        // A feed reader's "not changed" is answered before the limiter; anything else counts.
        app.UseFeedRevalidation();
        // Limit before the cache: a cached answer still counts against the client.
        app.UseRateLimiter();
        app.UseOutputCache();
        return app;
    }

    public static WebApplication MapAiFeed(this WebApplication app)
    {
        app.MapOpenApi("/openapi/{documentName}.json");
        app.MapPostsApi();
        app.MapTopApi();
        app.MapTagsApi();
        app.MapSourcesApi();
        app.MapAdminApi();
        app.MapHealth();
        app.MapFeedsApi();
        app.MapReaderPages();
        app.MapLearning();
        app.MapPrometheusMetrics();
        app.MapNewsletterApi();
        app.MapNewsletterPages();
        app.MapBenchmarkBaseline();
        return app;
    }
}
