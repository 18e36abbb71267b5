using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AiFeed.Catalog;

/// <summary>
/// Loads feeds.json at start. A file that does not validate never takes the service down:
/// the service runs with no sources and reports the errors (health, /api/sources).
/// </summary>
public sealed partial class FileCatalogProvider : ICatalogProvider
{
    public FileCatalogProvider(IOptions<CatalogOptions> options, ILogger<FileCatalogProvider> logger)
    {
        FilePath = Path.GetFullPath(options.Value.FeedsPath);
        var result = CatalogLoader.Load(FilePath);
        Current = result.Catalog ?? FeedCatalog.Empty;
        Errors = result.Errors;
        foreach (var error in result.Errors)
        {
            Log.CatalogError(logger, error.File, error.Line, error.Column, error.Message);
        }

        if (result.Errors.Count == 0)
        {
            Log.CatalogLoaded(logger, FilePath, Current.Sources.Count);
        }
    }

    public FeedCatalog Current { get; }

    public IReadOnlyList<CatalogError> Errors { get; }

    public string FilePath { get; }

    private static partial class Log
    {
        [LoggerMessage(EventId = 100, Level = LogLevel.Information, Message = "Loaded {FeedsPath}: {SourceCount} sources")]
        public static partial void CatalogLoaded(ILogger logger, string feedsPath, int sourceCount);

        [LoggerMessage(EventId = 101, Level = LogLevel.Error, Message = "{File}:{Line}:{Column}: {Error}")]
        public static partial void CatalogError(ILogger logger, string file, int line, int column, string error);
    }
}
