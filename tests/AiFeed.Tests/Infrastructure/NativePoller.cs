using System.Diagnostics;

namespace AiFeed.Tests.Infrastructure;

/// <summary>
/// aifeed-poll (src/AiFeed.Poll) published ahead of time once per test class, as a user publishes it:
/// NativeAOT needs clang, which a fresh machine may lack (.ci/run installs it).
/// </summary>
public sealed class NativePoller : IAsyncLifetime
{
    private readonly TempDirectory output = new();

    // Its own bin and obj: the publish must not rewrite the assemblies the running tests loaded.
    private readonly TempDirectory artifacts = new();
    private string? problem;

    public string ExecutablePath => Path.Combine(output.Path, "aifeed-poll");

    public async ValueTask InitializeAsync()
    {
        if (!File.Exists("/usr/bin/clang") && !File.Exists("/usr/local/bin/clang"))
        {
            problem = "clang is missing, and NativeAOT links aifeed-poll with it (apt-get install -y clang)";
            return;
        }

        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = TestEnvironment.RepositoryRoot,
        };
        foreach (var arg in new[] { "publish", "src/AiFeed.Poll", "-c", "Release", "-o", output.Path, "--artifacts-path", artifacts.Path })
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["DOTNET_NOLOGO"] = "1";
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0 || !File.Exists(ExecutablePath))
        {
            var log = (await stdout) + (await stderr);
            throw new InvalidOperationException($"dotnet publish src/AiFeed.Poll failed ({process.ExitCode}):\n{log[Math.Max(0, log.Length - 4000)..]}");
        }
    }

    /// <summary>Skips the test (a failure under AIFEED_REQUIRE_ALL=1) when the executable could not be built here.</summary>
    public void Require()
    {
        if (problem is not null)
        {
            TestEnvironment.SkipOrFail(problem);
        }
    }

    public async Task<AiFeedProcess.Result> RunAsync(string workingDirectory, CancellationToken cancellationToken, params string[] args)
    {
        Require();
        var info = new ProcessStartInfo(ExecutablePath)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        // As AiFeedProcess: the tests' feeds are on loopback.
        info.Environment["Fetch__AllowedNetworks__0"] = "127.0.0.0/8";
        return await AiFeedProcess.RunAsync(Process.Start(info)!, cancellationToken);
    }

    public ValueTask DisposeAsync()
    {
        output.Dispose();
        artifacts.Dispose();
        return ValueTask.CompletedTask;
    }
}
