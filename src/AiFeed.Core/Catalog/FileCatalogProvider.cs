using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AiFeed.Catalog;

/// <summary>
/// feeds.json, live. Each content of the file is validated as a whole: a valid one replaces the
/// catalog in one swap, an invalid one leaves the last good catalog in force and only changes
/// <see cref="Errors"/>. A file that does not validate at start never takes the service down:
/// the service runs with no sources and reports the errors (health, /api/sources).
/// </summary>
public sealed partial class FileCatalogProvider : ICatalogProvider
{
    private readonly Lock gate = new();
    private readonly TimeProvider time;
    private readonly ILogger<FileCatalogProvider> logger;
    private volatile Snapshot snapshot = new(FeedCatalog.Empty, [], null);
    private string? lastContentHash;

    public FileCatalogProvider(IOptionsMonitor<CatalogOptions> options, TimeProvider time, ILogger<FileCatalogProvider> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        this.time = time;
        this.logger = logger;
        FilePath = Path.GetFullPath(options.CurrentValue.FeedsPath);
        Evaluate(ReadFile());
    }

    public event EventHandler<CatalogChangedEventArgs>? Changed;

    public FeedCatalog Current => snapshot.Catalog;

    public IReadOnlyList<CatalogError> Errors => snapshot.Errors;

    public DateTimeOffset? AppliedAt => snapshot.AppliedAt;

    public string FilePath { get; }

    /// <summary>The file's bytes, or the reason they cannot be read (missing, locked, no permission).</summary>
    public FileContent ReadFile()
    {
        try
        {
            return new FileContent(File.ReadAllBytes(FilePath), null);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            return new FileContent(null, ex.Message);
        }
    }

    /// <summary>True when <paramref name="content"/> differs from the content last evaluated.</summary>
    public bool IsNew(FileContent content)
    {
        ArgumentNullException.ThrowIfNull(content);
        lock (gate)
        {
            return !string.Equals(Hash(content), lastContentHash, StringComparison.Ordinal);
        }
    }

    /// <summary>
    /// Validates <paramref name="content"/> and puts it in force when it validates; content equal
    /// to the last evaluated is ignored. Returns true when a new catalog came into force.
    /// </summary>
    public bool Evaluate(FileContent content)
    {
        ArgumentNullException.ThrowIfNull(content);
        CatalogChangedEventArgs? change;
        lock (gate)
        {
            var hash = Hash(content);
            if (string.Equals(hash, lastContentHash, StringComparison.Ordinal))
            {
                return false;
            }

            lastContentHash = hash;
            var result = content.Bytes is { } bytes
                ? CatalogLoader.Parse(bytes, FilePath)
                : CatalogLoader.Unreadable(FilePath, content.Error ?? "unknown error");
            var previous = snapshot;
            if (!result.IsValid)
            {
                snapshot = previous with { Errors = result.Errors };
                foreach (var error in result.Errors)
                {
                    Log.CatalogError(logger, error.File, error.Line, error.Column, error.Message);
                }

                if (previous.AppliedAt is not null)
                {
                    Log.KeptLastGood(logger, FilePath, previous.Catalog.Sources.Count);
                }

                return false;
            }

            snapshot = new Snapshot(result.Catalog!, [], time.GetUtcNow());
            change = new CatalogChangedEventArgs(previous.Catalog, snapshot.Catalog);
            Log.CatalogLoaded(logger, FilePath, snapshot.Catalog.Sources.Count, change.Added.Count, change.Removed.Count, change.Modified.Count);
        }

        // Outside the lock: handlers may read the provider.
        Changed?.Invoke(this, change);
        return true;
    }

    private static string Hash(FileContent content) =>
        content.Bytes is { } bytes ? Convert.ToHexString(SHA256.HashData(bytes)) : "unreadable:" + content.Error;

    // One immutable record, swapped whole, so a reader never sees one catalog with another's errors.
    private sealed record Snapshot(FeedCatalog Catalog, IReadOnlyList<CatalogError> Errors, DateTimeOffset? AppliedAt);

    private static partial class Log
    {
        [LoggerMessage(EventId = 100, Level = LogLevel.Information, Message = "Loaded {FeedsPath}: {SourceCount} sources ({Added} added, {Removed} removed, {Modified} changed)")]
        public static partial void CatalogLoaded(ILogger logger, string feedsPath, int sourceCount, int added, int removed, int modified);

        [LoggerMessage(EventId = 101, Level = LogLevel.Error, Message = "{File}:{Line}:{Column}: {Error}")]
        public static partial void CatalogError(ILogger logger, string file, int line, int column, string error);

        [LoggerMessage(EventId = 102, Level = LogLevel.Warning, Message = "{FeedsPath} does not validate; the last good catalog ({SourceCount} sources) stays in force")]
        public static partial void KeptLastGood(ILogger logger, string feedsPath, int sourceCount);
    }
}

/// <summary>What reading feeds.json gave: its bytes, or why there are none.</summary>
public sealed record FileContent(byte[]? Bytes, string? Error);
