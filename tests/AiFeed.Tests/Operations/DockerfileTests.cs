using System.Diagnostics;
using System.Text.RegularExpressions;
using AiFeed.Tests.Infrastructure;

namespace AiFeed.Tests.Operations;

/// <summary>
/// No Docker engine runs here, so the Dockerfile is checked by what it names: the paths it
/// copies exist, the runtime stage is what docs/operations.md promises, and its publish command works.
/// </summary>
public sealed partial class DockerfileTests
{
    private static readonly string[] Lines = ReadInstructions(Path.Combine(TestEnvironment.RepositoryRoot, "Dockerfile"));

    [Fact]
    public void Copy_SourcesFromContext_ExistInRepository()
    {
        // Arrange
        var copies = Lines.Where(l => l.StartsWith("COPY ", StringComparison.Ordinal) && !l.Contains("--from=", StringComparison.Ordinal)).ToList();

        // Act
        var missing = copies
            .SelectMany(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1..^1].Where(p => !p.StartsWith("--", StringComparison.Ordinal)))
            .Where(p => !File.Exists(Path.Combine(TestEnvironment.RepositoryRoot, p)) && !Directory.Exists(Path.Combine(TestEnvironment.RepositoryRoot, p)))
            .ToList();

        // Assert
        Assert.NotEmpty(copies);
        Assert.Empty(missing);
    }

    [Fact]
    public void Stages_RuntimeImage_NonRootWithDataVolumeConfigPortAndHealthcheck()
    {
        // Act
        var text = string.Join('\n', Lines);

        // Assert
        Assert.Contains("FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build", Lines);
        Assert.Contains("FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime", Lines);
        Assert.Contains("USER $APP_UID", Lines);
        Assert.Contains("VOLUME /data", Lines);
        Assert.Contains("EXPOSE 8080", Lines);
        Assert.Contains("Storage__DataDirectory=/data", text, StringComparison.Ordinal);
        Assert.Contains("Catalog__FeedsPath=/config/feeds.json", text, StringComparison.Ordinal);
        Assert.Contains("ASPNETCORE_URLS=http://+:8080", text, StringComparison.Ordinal);
        Assert.Matches(@"HEALTHCHECK .*CMD \[""dotnet"", ""aifeed\.dll"", ""healthcheck""", text);
        Assert.Contains("ENTRYPOINT [\"/usr/local/bin/aifeed-entrypoint\", \"dotnet\", \"aifeed.dll\"]", Lines);
        Assert.Contains("COPY feeds.json feeds.schema.json /app/catalog/", Lines);
        Assert.Contains("http://localhost:8080/readyz", text, StringComparison.Ordinal);

        // The restore layer only depends on project and build files, copied before the sources.
        var restore = Array.FindIndex(Lines, l => l.StartsWith("RUN dotnet restore", StringComparison.Ordinal));
        var sources = Array.FindIndex(Lines, l => l.StartsWith("COPY src/AiFeed/ ", StringComparison.Ordinal));
        Assert.InRange(restore, 0, sources - 1);
    }

    [Fact]
    public async Task RestoreAndPublish_SameArgumentsAsDockerfile_ProduceRunnableApp()
    {
        // Arrange
        using var output = new TempDirectory();
        var restore = Arguments(Lines.Single(l => l.StartsWith("RUN dotnet restore ", StringComparison.Ordinal)));
        var publish = Arguments(Lines.Single(l => l.StartsWith("RUN dotnet publish ", StringComparison.Ordinal)));
        var outputAt = Array.IndexOf(publish, "--output");
        Assert.Equal("/app", publish[outputAt + 1]);
        publish[outputAt + 1] = output.Path;

        // Act
        var restored = await DotnetAsync(restore);
        var published = await DotnetAsync(publish);
        var validated = await AiFeedProcessAt(Path.Combine(output.Path, "aifeed.dll"), "validate", "--feeds", Path.Combine(TestEnvironment.RepositoryRoot, "feeds.json"));

        // Assert
        Assert.True(restored.ExitCode == 0, restored.Output);
        Assert.True(published.ExitCode == 0, published.Output);
        Assert.True(File.Exists(Path.Combine(output.Path, "aifeed.dll")));
        Assert.True(File.Exists(Path.Combine(output.Path, "appsettings.json")));
        Assert.True(validated.ExitCode == 0, validated.Output);
    }

    // "RUN dotnet publish a b" → ["publish", "a", "b"]
    private static string[] Arguments(string run) => run.Split(' ', StringSplitOptions.RemoveEmptyEntries)[2..];

    private static Task<(int ExitCode, string Output)> DotnetAsync(string[] args) => RunAsync("dotnet", args);

    private static Task<(int ExitCode, string Output)> AiFeedProcessAt(string dll, params string[] args) => RunAsync("dotnet", [dll, .. args]);

    private static async Task<(int ExitCode, string Output)> RunAsync(string file, string[] args)
    {
        var info = new ProcessStartInfo(file)
        {
            WorkingDirectory = TestEnvironment.RepositoryRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["DOTNET_NOLOGO"] = "1";
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        return (process.ExitCode, await stdout + await stderr);
    }

    // Instructions with line continuations joined and comments dropped.
    private static string[] ReadInstructions(string path) =>
        [.. Continuation().Replace(File.ReadAllText(path), " ")
            .Split('\n')
            .Select(l => Spaces().Replace(l.Trim(), " "))
            .Where(l => l.Length > 0 && !l.StartsWith('#'))];

    [GeneratedRegex(@"\\\r?\n")]
    private static partial Regex Continuation();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
