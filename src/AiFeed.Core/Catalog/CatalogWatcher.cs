using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AiFeed.Catalog;

/// <summary>
/// Applies edits of feeds.json while the service runs. A FileSystemWatcher on the folder reacts
/// within moments (editors save by rename, so the folder is watched, not the file); a periodic
/// re-read catches what notifications miss (network and container mounts, a watcher overflow).
/// Content is read only once it has stopped changing, so an editor saving in two steps never
/// applies half a file; a half file that happens to be stable is still validated as a whole.
/// </summary>
public sealed partial class CatalogWatcher(FileCatalogProvider provider, IOptionsMonitor<CatalogOptions> options, ILogger<CatalogWatcher> logger) : BackgroundService
{
    // File-system timing runs on the wall clock: a test's fake clock must not freeze it.
    private static readonly TimeProvider Wall = TimeProvider.System;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.CurrentValue;
        if (!settings.Watch)
        {
            return;
        }

        var signals = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
        using var watcher = TryWatch(() => signals.Writer.TryWrite(true));
        Log.Watching(logger, provider.FilePath, settings.CheckInterval.TotalSeconds);
        while (!stoppingToken.IsCancellationRequested)
        {
            using (var tick = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken))
            {
                tick.CancelAfter(settings.CheckInterval);
                try
                {
                    await signals.Reader.ReadAsync(tick.Token);
                }
                catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
                {
                    // The periodic check: no notification came.
                }
                catch (OperationCanceledException)
                {
                    // Stopping (also when the host failed to start): not a failure to log.
                    return;
                }
            }

            try
            {
                await CheckAsync(settings.SettleDelay, Wall, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
        }
    }

    /// <summary>Reads the file until two reads a settle delay apart agree, then validates that content.</summary>
    /// <param name="settleDelay">How long content must stay unchanged.</param>
    /// <param name="settleClock">The clock the delay runs on: the wall clock in service; a test drives its own.</param>
    /// <param name="cancellationToken">Stops the wait.</param>
    internal async Task CheckAsync(TimeSpan settleDelay, TimeProvider settleClock, CancellationToken cancellationToken)
    {
        var content = provider.ReadFile();
        if (!provider.IsNew(content))
        {
            return;
        }

        // Bounded: a file rewritten without pause (a log someone pointed us at) is taken as it is.
        for (var attempt = 0; attempt < 20; attempt++)
        {
            await Task.Delay(settleDelay, settleClock, cancellationToken);
            var again = provider.ReadFile();
            if (SameContent(content, again))
            {
                break;
            }

            content = again;
        }

        provider.Evaluate(content);
    }

    private static bool SameContent(FileContent a, FileContent b) =>
        a.Bytes is { } x && b.Bytes is { } y
            ? x.AsSpan().SequenceEqual(y)
            : a.Bytes is null && b.Bytes is null && string.Equals(a.Error, b.Error, StringComparison.Ordinal);

    private FileSystemWatcher? TryWatch(Action signal)
    {
        var folder = Path.GetDirectoryName(provider.FilePath)!;
        var name = Path.GetFileName(provider.FilePath);
        try
        {
            var watcher = new FileSystemWatcher(folder)
            {
                NotifyFilter = NotifyFilters.FileName | NotifyFilters.LastWrite | NotifyFilters.Size | NotifyFilters.CreationTime,
                IncludeSubdirectories = false,
            };
            FileSystemEventHandler onChange = (_, e) =>
            {
                if (string.Equals(e.Name, name, StringComparison.Ordinal))
                {
                    signal();
                }
            };
            watcher.Changed += onChange;
            watcher.Created += onChange;
            watcher.Deleted += onChange;
            watcher.Renamed += (_, e) =>
            {
                if (string.Equals(e.Name, name, StringComparison.Ordinal) || string.Equals(e.OldName, name, StringComparison.Ordinal))
                {
                    signal();
                }
            };
            watcher.Error += (_, _) => signal();
            watcher.EnableRaisingEvents = true;
            return watcher;
        }
        catch (Exception ex) when (ex is ArgumentException or IOException or PlatformNotSupportedException or UnauthorizedAccessException)
        {
            // No folder yet, or no inotify instances left: the periodic check still applies edits.
            Log.WatchFailed(logger, ex, folder);
            return null;
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 110, Level = LogLevel.Debug, Message = "Watching {FeedsPath} (re-read every {CheckInterval} s)")]
        public static partial void Watching(ILogger logger, string feedsPath, double checkInterval);

        [LoggerMessage(EventId = 111, Level = LogLevel.Warning, Message = "Cannot watch {Folder} for changes; edits of feeds.json are picked up by the periodic check only")]
        public static partial void WatchFailed(ILogger logger, Exception exception, string folder);
    }
}
