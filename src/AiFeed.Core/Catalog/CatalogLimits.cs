namespace AiFeed.Catalog;

/// <summary>The bounds feeds.json values must stay within, shared by defaults, sources and the command line's overrides.</summary>
public static class CatalogLimits
{
    // Polling more often than once a minute is impolite to publishers and gains nothing.
    public static readonly TimeSpan MinPollInterval = TimeSpan.FromMinutes(1);

    // A week is the longest gap after which a feed still reliably holds unseen items.
    public static readonly TimeSpan MaxPollInterval = TimeSpan.FromDays(7);

    public static readonly TimeSpan MinRequestTimeout = TimeSpan.FromSeconds(1);

    public static readonly TimeSpan MaxRequestTimeout = TimeSpan.FromMinutes(5);

    public const long MinBodyBytes = 1024;

    public const long MaxBodyBytes = 100 * 1024 * 1024;

    public const int MaxConcurrency = 64;

    public const int MaxConcurrencyPerHost = 16;

    public const int MaxItemsPerFeed = 10_000;

    public const int MaxIdLength = 64;

    public const double MaxWeight = 100;
}
