using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;

namespace AiFeed.Benchmarks.Ingest;

/// <summary>
/// The bench's side of <see cref="FeedServerHost"/>: starts this executable again with the hidden
/// verb, reads the base address it prints, drives it over its loopback control endpoints and makes
/// sure it ends: stdin closed on dispose, killed if it does not exit, killed on Ctrl-C or exit.
/// </summary>
internal sealed class FeedServerProcess : IAsyncDisposable
{
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan ExitTimeout = TimeSpan.FromSeconds(10);

    private readonly Process process;
    private readonly HttpClient control = new(new SocketsHttpHandler { UseProxy = false });
    private Task stdoutDrain = Task.CompletedTask;

    private FeedServerProcess(int feeds, int seed)
    {
        process = Process.Start(StartInfo(feeds, seed)) ?? throw new InvalidOperationException("could not start the feed server");
        Console.CancelKeyPress += OnCancelKeyPress;
        AppDomain.CurrentDomain.ProcessExit += OnProcessExit;
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                Console.Error.WriteLine("feed-server: " + e.Data);
            }
        };
        process.BeginErrorReadLine();
    }

    public Uri BaseAddress { get; private set; } = null!;

    public int Id => process.Id;

    public static async Task<FeedServerProcess> StartAsync(int feeds, int seed, CancellationToken cancellationToken)
    {
        var server = new FeedServerProcess(feeds, seed);
        try
        {
            await server.WaitReadyAsync(cancellationToken);
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    public async Task<FeedServerCounters> TakeCountersAsync(CancellationToken cancellationToken) =>
        await control.GetFromJsonAsync<FeedServerCounters>(new Uri("_control/counters", UriKind.Relative), cancellationToken)
        ?? throw new InvalidOperationException("no counters from the feed server");

    public async Task<FeedServerExpectation> ExpectAsync(CancellationToken cancellationToken) =>
        await control.GetFromJsonAsync<FeedServerExpectation>(new Uri("_control/expect", UriKind.Relative), cancellationToken)
        ?? throw new InvalidOperationException("no expectation from the feed server");

    /// <summary>A new item on top of feed <paramref name="feed"/> (its oldest falls off), and a new body and ETag.</summary>
    public async Task<PublishedItem> PublishAsync(int feed, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var query = string.Create(CultureInfo.InvariantCulture, $"_control/publish?feed={feed}&at={Uri.EscapeDataString(at.ToString("O", CultureInfo.InvariantCulture))}");
        using var response = await control.PostAsync(new Uri(query, UriKind.Relative), content: null, cancellationToken);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<PublishedItem>(cancellationToken)
            ?? throw new InvalidOperationException("no item from the feed server");
    }

    /// <summary>The server process's own peak working set and CPU time so far (read from /proc by the runtime).</summary>
    public (long PeakWorkingSet, TimeSpan Cpu) Usage()
    {
        process.Refresh();
        return (process.PeakWorkingSet64, process.TotalProcessorTime);
    }

    public async ValueTask DisposeAsync()
    {
        Console.CancelKeyPress -= OnCancelKeyPress;
        AppDomain.CurrentDomain.ProcessExit -= OnProcessExit;
        control.Dispose();
        try
        {
            // EOF on its stdin is the child's cue to stop; a kill is the fallback.
            process.StandardInput.Close();
            using var timeout = new CancellationTokenSource(ExitTimeout);
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (Exception e) when (e is OperationCanceledException or IOException)
        {
            Kill();
            await process.WaitForExitAsync();
        }
        finally
        {
            Kill();
            await stdoutDrain;
            process.Dispose();
        }
    }

    private static ProcessStartInfo StartInfo(int feeds, int seed)
    {
        var host = Environment.ProcessPath ?? throw new InvalidOperationException("no process path to start the feed server with");
        var info = new ProcessStartInfo(host)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };

        // `dotnet run` starts the bench's apphost, which runs this dll by itself; `dotnet <dll>` starts
        // the muxer, which needs the dll named.
        if (string.Equals(Path.GetFileNameWithoutExtension(host), "dotnet", StringComparison.OrdinalIgnoreCase))
        {
            info.ArgumentList.Add(typeof(FeedServerProcess).Assembly.Location);
        }

        info.ArgumentList.Add(FeedServerHost.Verb);
        info.ArgumentList.Add(feeds.ToString(CultureInfo.InvariantCulture));
        info.ArgumentList.Add(seed.ToString(CultureInfo.InvariantCulture));
        info.Environment["DOTNET_NOLOGO"] = "1";
        // Under dotnet-trace the bench inherits a suspending diagnostic port; the server must not
        // wait for a tracer that only attaches to the bench.
        info.Environment.Remove("DOTNET_DiagnosticPorts");
        return info;
    }

    private async Task WaitReadyAsync(CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            var remaining = ReadyTimeout - deadline.Elapsed;
            if (remaining <= TimeSpan.Zero)
            {
                throw new TimeoutException($"the feed server was not ready within {ReadyTimeout.TotalSeconds:F0} s");
            }

            var line = await process.StandardOutput.ReadLineAsync(cancellationToken).AsTask().WaitAsync(remaining, cancellationToken)
                ?? throw new InvalidOperationException("the feed server exited before it was ready");
            if (line.StartsWith(FeedServerHost.ReadyPrefix, StringComparison.Ordinal))
            {
                BaseAddress = new Uri(line[FeedServerHost.ReadyPrefix.Length..].Trim());
                control.BaseAddress = BaseAddress;
                stdoutDrain = DrainStdoutAsync();
                return;
            }

            await Console.Error.WriteLineAsync("feed-server: " + line);
        }
    }

    // Anything the child prints after its address goes to our stderr, so its stdout pipe never fills.
    private async Task DrainStdoutAsync()
    {
        while (await process.StandardOutput.ReadLineAsync() is { } line)
        {
            await Console.Error.WriteLineAsync("feed-server: " + line);
        }
    }

    // Ctrl-C ends this process without running finally blocks; the child must not outlive it.
    private void OnCancelKeyPress(object? sender, ConsoleCancelEventArgs e) => Kill();

    private void OnProcessExit(object? sender, EventArgs e) => Kill();

    private void Kill()
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
        catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            // Already gone, or never started.
        }
    }
}
