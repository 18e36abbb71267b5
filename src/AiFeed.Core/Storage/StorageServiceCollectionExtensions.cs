using AiFeed.Storage.Postgres;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace AiFeed.Storage;

/// <summary>
/// Registers every store on the provider Storage:Provider names: <c>litedb</c> (the default: one
/// data file, the search index beside it) or <c>postgres</c> (one database that many nodes share).
/// The choice is made when a store is first resolved; the other provider is never opened.
/// </summary>
public static class StorageServiceCollectionExtensions
{
    public static IServiceCollection AddStorage(this IServiceCollection services)
    {
        services.AddOptions<StorageOptions>().BindConfiguration(StorageOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();

        services.AddSingleton(sp => CreateContext(sp, openIndex: true));
        services.AddSingleton<LiteDbPostStore>();
        services.TryAddSingleton(LastCheckWrites.AtClose);
        services.AddSingleton<LiteDbSourceStateStore>();
        services.AddSingleton<LiteDbMetadataStore>();
        services.AddSingleton<LiteDbNewsletterStore>();
        services.AddSingleton<LiteDbSubscriberStore>();
        services.AddSingleton<LiteDbLifecycle>();

        services.AddSingleton(sp => new PostgresDatabase(sp.GetRequiredService<IOptionsMonitor<StorageOptions>>().CurrentValue.ConnectionString!));
        services.AddSingleton<PostgresPostStore>();
        services.AddSingleton<PostgresSourceStateStore>();
        services.AddSingleton<PostgresMetadataStore>();
        services.AddSingleton<PostgresNewsletterStore>();
        services.AddSingleton<PostgresSubscriberStore>();
        services.AddSingleton<PostgresLifecycle>();
        services.AddHostedService<PostgresWriteListener>();

        services.AddSingleton<IPostStore>(sp => OnProvider<IPostStore, LiteDbPostStore, PostgresPostStore>(sp));
        services.AddSingleton<IStoryStore>(sp => OnProvider<IStoryStore, LiteDbPostStore, PostgresPostStore>(sp));
        services.AddSingleton<ISourceStateStore>(sp => OnProvider<ISourceStateStore, LiteDbSourceStateStore, PostgresSourceStateStore>(sp));
        services.AddSingleton<IMetadataStore>(sp => OnProvider<IMetadataStore, LiteDbMetadataStore, PostgresMetadataStore>(sp));
        services.AddSingleton<INewsletterStore>(sp => OnProvider<INewsletterStore, LiteDbNewsletterStore, PostgresNewsletterStore>(sp));
        services.AddSingleton<ISubscriberStore>(sp => OnProvider<ISubscriberStore, LiteDbSubscriberStore, PostgresSubscriberStore>(sp));
        services.AddSingleton<IStoreLifecycle>(sp => OnProvider<IStoreLifecycle, LiteDbLifecycle, PostgresLifecycle>(sp));
        return services;
    }

    /// <summary>
    /// LiteDB's search index opens at its first use instead of with the data file: for a one-shot
    /// verb that may read and write none of it (a poll where every feed answers 304). A poll run
    /// starts that open in the background (IStoreLifecycle.BeforePollRun, decision 0081).
    /// </summary>
    public static IServiceCollection OpenSearchIndexOnFirstUse(this IServiceCollection services) =>
        services.AddSingleton(sp => CreateContext(sp, openIndex: false));

    /// <summary>
    /// Closing the store leaves the accounts of last checks to the hourly rule: for the one-shot poll,
    /// which closes it after every run (<see cref="LastCheckWrites"/>).
    /// </summary>
    public static IServiceCollection WriteLastChecksHourly(this IServiceCollection services) =>
        services.AddSingleton(LastCheckWrites.Hourly);

    private static LiteDbContext CreateContext(IServiceProvider services, bool openIndex)
    {
        var options = services.GetRequiredService<IOptionsMonitor<StorageOptions>>().CurrentValue;
        return new LiteDbContext(options.DataDirectory, options.FileName, openIndex);
    }

    private static TService OnProvider<TService, TLiteDb, TPostgres>(IServiceProvider services)
        where TLiteDb : TService
        where TPostgres : TService
        where TService : notnull =>
        services.GetRequiredService<IOptionsMonitor<StorageOptions>>().CurrentValue.UsesPostgres
            ? services.GetRequiredService<TPostgres>()
            : services.GetRequiredService<TLiteDb>();
}
