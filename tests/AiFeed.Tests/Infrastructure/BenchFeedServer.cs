using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace AiFeed.Tests.Infrastructure;

/// <summary>
/// The side-by-side bench's feed server (../shared/bench/feedserver.py) in a child process on a
/// loopback port: synthetic AI-blog feeds with cross-posts, and in /__manifest?detail=1 the canonical
/// post of every item, the ground truth of stories. Shared by the story test and the story benchmark.
/// </summary>
public sealed class BenchFeedServer : IAsyncDisposable
{
    private readonly Process process;
    private readonly HttpClient http;

    private BenchFeedServer(Process process, Uri baseUrl)
    {
        this.process = process;
        BaseUrl = baseUrl;
        http = new HttpClient { BaseAddress = baseUrl, Timeout = TimeSpan.FromMinutes(2) };
    }

    public Uri BaseUrl { get; }

    /// <summary>The first python3 on PATH, or null.</summary>
    public static string? FindPython() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, "python3"))
            .FirstOrDefault(File.Exists);

    /// <summary>The bench's script beside a clone of the repository, whether or not it exists.</summary>
    public static string ScriptPath(string repositoryRoot) => Path.GetFullPath(Path.Combine(repositoryRoot, "..", "shared", "bench", "feedserver.py"));

    /// <summary>Starts the server with <paramref name="feeds"/> feeds and waits until it has rendered them and listens.</summary>
    public static async Task<BenchFeedServer> StartAsync(string python, string script, int feeds, double crosspost, string folder, CancellationToken cancellationToken, string? seed = null)
    {
        var portFile = Path.Combine(folder, $"feedserver-{Guid.NewGuid():N}.port");
        var start = new ProcessStartInfo(python)
        {
            // The script only reads its own folder; the port file goes to ours (shared/ may be read-only).
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
        {
            script, "--port", "0", "--feeds", feeds.ToString(CultureInfo.InvariantCulture),
            "--crosspost", crosspost.ToString(CultureInfo.InvariantCulture), "--port-file", portFile, "--lifetime", "1800",
        })
        {
            start.ArgumentList.Add(argument);
        }

        if (seed is not null)
        {
            start.ArgumentList.Add("--seed");
            start.ArgumentList.Add(seed);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {python} {script}");
        // Drained so a chatty server never blocks on a full pipe.
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        // Rendering 500 feeds takes from seconds to minutes with the machine's load: the wait ends when
        // the server listens, exits or the caller cancels, never at a wall-clock deadline.
        try
        {
            while (!File.Exists(portFile) || new FileInfo(portFile).Length == 0)
            {
                if (process.HasExited)
                {
                    throw new InvalidOperationException($"feedserver.py exited with {process.ExitCode} before it listened");
                }

                await Task.Delay(100, cancellationToken);
            }
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        var port = int.Parse((await File.ReadAllTextAsync(portFile, cancellationToken)).Trim(), CultureInfo.InvariantCulture);
        return new BenchFeedServer(process, new Uri($"http://127.0.0.1:{port}/"));
    }

    /// <summary>The feeds as the server lists them: id, name, url.</summary>
    public async Task<List<(string Id, string Name, string Url)>> FeedsAsync(CancellationToken cancellationToken)
    {
        var root = JsonNode.Parse(await http.GetStringAsync(new Uri("feeds.json", UriKind.Relative), cancellationToken))!;
        return [.. root["feeds"]!.AsArray().Select(f => (f!["id"]!.GetValue<string>(), f["name"]!.GetValue<string>(), f["url"]!.GetValue<string>()))];
    }

    /// <summary>Every visible item: its feed's id, its link and the id of the post it is (cross-posts share their original's).</summary>
    public async Task<List<(string FeedId, string Link, string Canonical)>> ManifestAsync(CancellationToken cancellationToken)
    {
        using var manifest = JsonDocument.Parse(await http.GetStringAsync(new Uri("__manifest?detail=1", UriKind.Relative), cancellationToken));
        var items = new List<(string, string, string)>();
        foreach (var feed in manifest.RootElement.GetProperty("detail").EnumerateArray())
        {
            var id = feed.GetProperty("id").GetString()!;
            foreach (var item in feed.GetProperty("items").EnumerateArray())
            {
                items.Add((id, item.GetProperty("link").GetString()!, item.GetProperty("canonical").GetString()!));
            }
        }

        return items;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            using var shutdown = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await http.GetAsync(new Uri("__shutdown", UriKind.Relative), shutdown.Token);
            await process.WaitForExitAsync(shutdown.Token);
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException)
        {
            // Killed below.
        }

        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }

        process.Dispose();
        http.Dispose();
    }
}
