using AiFeed.Catalog;
using AiFeed.Ingestion;
using AiFeed.Ingestion.Fetching;
using AiFeed.Ingestion.Parsing;
using AiFeed.Ingestion.Processing;
using AiFeed.Ingestion.Reading;
using AiFeed.Ingestion.Scraping;
using AiFeed.Ingestion.Processing.Tagging;
using AiFeed.Publishing;
using AiFeed.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AiFeed;

public static class CoreServiceCollectionExtensions
{
    /// <summary>Registers catalog, storage and the ingestion pipeline; options bind from configuration.</summary>
    public static IServiceCollection AddAiFeedCore(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<CatalogOptions>().BindConfiguration(CatalogOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<PollingOptions>().BindConfiguration(PollingOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();

        services.TryAddSingleton<FileCatalogProvider>();
        services.TryAddSingleton<ICatalogProvider>(sp => sp.GetRequiredService<FileCatalogProvider>());
        services.AddStorage();

        services.AddFeedFetching();
        services.AddSingleton<FeedParser>();
        services.AddSingleton<ContentSanitizer>();
        services.AddSingleton<PostTagger>();
        services.AddSingleton<Retagger>();
        services.AddSingleton<StoryUpgrade>();
        services.AddSingleton<PostProcessor>();
        services.AddSingleton<PageScraper>();
        services.AddSingleton<FeedReader>();
        services.AddSingleton<ListingScraper>();
        services.AddSingleton<GenericReader>();
        services.AddSingleton<SourceReader>();
        services.AddSingleton<FeedRefresher>();
        services.AddSingleton<SourcePoller>();
        services.AddRanking();
        services.AddMetrics();
        services.AddSingleton<IngestionMetrics>();
        services.AddSingleton<SourceControl>();
        services.AddSingleton<CatalogReconciler>();
        return services;
    }

    /// <summary>Applies edits of feeds.json while the host runs (the long-running service, not one-shot verbs).</summary>
    public static IServiceCollection AddCatalogWatching(this IServiceCollection services)
    {
        services.AddHostedService<CatalogWatcher>();
        return services;
    }
}
