using System.Diagnostics;

namespace AiFeed.Tests.Infrastructure;

/// <summary>Runs the built aifeed executable as a user would, capturing its output.</summary>
public static class AiFeedProcess
{
    public sealed record Result(int ExitCode, string Stdout, string Stderr);

    public static string DllPath { get; } = FindDll();

    public static Process Start(string workingDirectory, params string[] args) => Start(workingDirectory, unprivileged: false, args);

    /// <summary>Starts with extra environment variables (HOME for user secrets, say).</summary>
    public static Process Start(IReadOnlyDictionary<string, string> environment, string workingDirectory, params string[] args) =>
        Start(workingDirectory, unprivileged: false, args, environment);

    public static async Task<Result> RunAsync(string workingDirectory, CancellationToken cancellationToken, params string[] args) =>
        await RunAsync(Start(workingDirectory, unprivileged: false, args), cancellationToken);

    /// <summary>
    /// Runs as a user without write access to folders the test made read-only: as is when the
    /// tests are not root, else as nobody (root writes everywhere) through setpriv.
    /// </summary>
    public static async Task<Result> RunUnprivilegedAsync(string workingDirectory, CancellationToken cancellationToken, params string[] args) =>
        await RunAsync(Start(workingDirectory, unprivileged: true, args), cancellationToken);

    private static Process Start(string workingDirectory, bool unprivileged, string[] args, IReadOnlyDictionary<string, string>? environment = null)
    {
        var asNobody = unprivileged && Environment.UserName == "root";
        if (asNobody && !File.Exists("/usr/bin/setpriv"))
        {
            TestEnvironment.SkipOrFail("the tests run as root and setpriv (util-linux) is missing, so nothing can be made unwritable for the child process");
        }

        var info = new ProcessStartInfo(asNobody ? "/usr/bin/setpriv" : "dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (asNobody)
        {
            foreach (var arg in new[] { "--reuid=65534", "--regid=65534", "--clear-groups", "--", "dotnet" })
            {
                info.ArgumentList.Add(arg);
            }

            info.Environment["HOME"] = Path.GetTempPath();
            info.Environment["DOTNET_CLI_HOME"] = Path.GetTempPath();
        }

        info.ArgumentList.Add(DllPath);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["DOTNET_NOLOGO"] = "1";

        // Tests serve feeds on loopback, which the feed client refuses unless allowed.
        info.Environment["Fetch__AllowedNetworks__0"] = "127.0.0.0/8";
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[name] = value;
        }

        return Process.Start(info)!;
    }

    /// <summary>Waits for a started process (its output redirected) and returns what it printed.</summary>
    public static async Task<Result> RunAsync(Process started, CancellationToken cancellationToken)
    {
        using var process = started;
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        return new Result(process.ExitCode, await stdout, await stderr);
    }

    private static string FindDll()
    {
        // The test build copies the host beside the tests; fall back to the host's own output folder.
        var beside = Path.Combine(AppContext.BaseDirectory, "aifeed.dll");
        if (File.Exists(beside) && File.Exists(Path.Combine(AppContext.BaseDirectory, "aifeed.runtimeconfig.json")))
        {
            return beside;
        }

        var configuration = AppContext.BaseDirectory.Contains("/Release/", StringComparison.Ordinal) ? "Release" : "Debug";
        return Path.Combine(TestEnvironment.RepositoryRoot, "src", "AiFeed", "bin", configuration, "net10.0", "aifeed.dll");
    }
}
