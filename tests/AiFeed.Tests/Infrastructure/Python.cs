using System.Diagnostics;
using System.Text;

namespace AiFeed.Tests.Infrastructure;

/// <summary>
/// Runs CPython (python3 on PATH) for the content checks. A machine without it skips those tests with
/// a message, or fails them under AIFEED_REQUIRE_ALL=1.
/// </summary>
internal static class Python
{
    public static string? Executable { get; } = Find();

    /// <summary>Runs a script with the given stdin; returns stdout, or fails the test with stderr when Python exits non-zero.</summary>
    public static async Task<string> RunAsync(string script, string stdin, CancellationToken cancellationToken)
    {
        if (Executable is null)
        {
            TestEnvironment.SkipOrFail("python3 is not on PATH; install it (apt-get install -y python3) to run the Python reference solutions");
        }

        var info = new ProcessStartInfo(Executable!)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardInputEncoding = new UTF8Encoding(false),
            StandardOutputEncoding = Encoding.UTF8,
        };
        info.ArgumentList.Add("-I");
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add(script);
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.StandardInput.WriteAsync(stdin.AsMemory(), cancellationToken);
        process.StandardInput.Close();
        await process.WaitForExitAsync(cancellationToken);
        Assert.True(process.ExitCode == 0, $"python3 exited with {process.ExitCode}: {await stderr}");
        return await stdout;
    }

    private static string? Find() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, OperatingSystem.IsWindows() ? "python3.exe" : "python3"))
            .FirstOrDefault(File.Exists);
}
