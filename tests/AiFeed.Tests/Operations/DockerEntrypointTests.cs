using System.Diagnostics;
using AiFeed.Tests.Infrastructure;

namespace AiFeed.Tests.Operations;

/// <summary>
/// The container's entrypoint (src/AiFeed/Docker/entrypoint.sh), run with sh as the image runs it
/// (no Docker engine here): an empty config folder gets the shipped catalog, an edited one is left
/// alone, one it cannot write falls back to the shipped file in place. The command after it runs.
/// </summary>
public sealed class DockerEntrypointTests : IDisposable
{
    private static readonly string Script = Path.Combine(TestEnvironment.RepositoryRoot, "src", "AiFeed", "Docker", "entrypoint.sh");

    private readonly TempDirectory folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public async Task Entrypoint_EmptyConfigFolder_CopiesTheShippedCatalogThenRunsTheCommand()
    {
        // Arrange
        var config = Directory.CreateDirectory(folder.File("config")).FullName;

        // Act
        var result = await RunAsync(config, unprivileged: false);

        // Assert
        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Equal(await File.ReadAllTextAsync(Path.Combine(TestEnvironment.RepositoryRoot, "feeds.json"), Ct), await File.ReadAllTextAsync(Path.Combine(config, "feeds.json"), Ct));
        Assert.True(File.Exists(Path.Combine(config, "feeds.schema.json")));
        Assert.Equal(
            [$"aifeed: {config} had no feeds.json: copied the shipped catalog there; edit it, changes apply while AiFeed runs", $"command ran with {config}/feeds.json"],
            Lines(result.Stdout));
    }

    [Fact]
    public async Task Entrypoint_ConfigFolderWithACatalog_LeavesItAlone()
    {
        // Arrange
        var config = Directory.CreateDirectory(folder.File("config")).FullName;
        var own = CatalogFile.Write(Path.Combine(config, "feeds.json"), []);
        var before = await File.ReadAllTextAsync(own, Ct);

        // Act
        var result = await RunAsync(config, unprivileged: false);

        // Assert
        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Equal(before, await File.ReadAllTextAsync(own, Ct));
        Assert.Equal([$"command ran with {own}"], Lines(result.Stdout));
    }

    [Fact]
    public async Task Entrypoint_EmptyConfigFolderNotWritable_ReadsTheShippedCatalogInPlaceAndSaysHowToFixIt()
    {
        // Arrange: a root-owned host folder, as Docker creates it for a bind mount.
        var config = Directory.CreateDirectory(folder.File("config")).FullName;
        Assert.SkipWhen(OperatingSystem.IsWindows(), "the entrypoint runs in a Linux image");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(config, UnixFileMode.UserRead | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        }

        // Act
        var result = await RunAsync(config, unprivileged: true);

        // Assert
        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.False(File.Exists(Path.Combine(config, "feeds.json")));
        Assert.Equal([$"command ran with {TestEnvironment.RepositoryRoot}/feeds.json"], Lines(result.Stdout));
        Assert.StartsWith($"aifeed: {config} has no feeds.json and user ", result.Stderr, StringComparison.Ordinal);
        Assert.Contains($"reading the shipped catalog from {TestEnvironment.RepositoryRoot}; to edit it, make the folder writable (chown ", result.Stderr, StringComparison.Ordinal);
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string[] Lines(string text) => text.TrimEnd('\n').Split('\n');

    private static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(string config, bool unprivileged)
    {
        // The repository root holds feeds.json and feeds.schema.json, as /app/catalog does in the image.
        var asNobody = unprivileged && Environment.UserName == "root";
        var info = new ProcessStartInfo(asNobody ? "/usr/bin/setpriv" : "/bin/sh") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        string[] args = [.. asNobody ? new[] { "--reuid=65534", "--regid=65534", "--clear-groups", "--", "/bin/sh" } : [], Script, "/bin/sh", "-c", "echo \"command ran with $Catalog__FeedsPath\""];
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["Catalog__FeedsPath"] = Path.Combine(config, "feeds.json");
        info.Environment["AIFEED_SHIPPED_CATALOG"] = TestEnvironment.RepositoryRoot;
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync(Ct);
        var stderr = process.StandardError.ReadToEndAsync(Ct);
        await process.WaitForExitAsync(Ct);
        return (process.ExitCode, await stdout, await stderr);
    }
}
