using System.Diagnostics;
using AiFeed.Tests.Infrastructure;

namespace AiFeed.Tests.Cli;

/// <summary>What serve says once it listens: address, data file, catalog, polling, admin API.</summary>
public sealed class StartupSummaryTests : IDisposable
{
    private readonly TempDirectory folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public async Task Serve_Started_SaysWhereWhatAndWhetherTheAdminApiIsOn()
    {
        // Arrange
        var feeds = CatalogFile.Write(folder.File("feeds.json"), [CatalogFile.Source("lab", new Uri("http://127.0.0.1:9/feed.xml")), new { id = "off", name = "Off", url = "http://127.0.0.1:9/off.xml", enabled = false }]);
        var data = folder.File("data");
        using var serve = AiFeedProcess.Start(folder.Path, "--feeds", feeds, "--data", data, "--urls", "http://127.0.0.1:0", "--Polling:Enabled=false");
        try
        {
            // Act
            var lines = await ReadUntilAsync(serve, "Admin API");

            // Assert
            Assert.Contains(lines, l => l.StartsWith("AiFeed is serving http://127.0.0.1:", StringComparison.Ordinal) && l.EndsWith(" (Production)", StringComparison.Ordinal));
            Assert.Contains($"Data: {Path.Combine(data, "aifeed.db")}, 0 posts", lines);
            Assert.Contains($"Catalog {feeds}: 2 sources, 1 enabled", lines);
            Assert.Contains("Polling is off (Polling:Enabled=false): 1 source not polled yet", lines);
            Assert.Contains("Admin API off: no Admin:ApiKey is configured ('aifeed admin-key' prints a new key; docs/operations.md#admin-api)", lines);
        }
        finally
        {
            serve.Kill(entireProcessTree: true);
            await serve.WaitForExitAsync(TestContext.Current.CancellationToken);
        }
    }

    [Fact]
    public async Task Serve_KeyInUserSecretsOutsideDevelopment_AdminApiOn()
    {
        // Arrange: `dotnet user-secrets set Admin:ApiKey …` writes this file; the server runs as Production.
        var home = folder.File("home");
        var secrets = Directory.CreateDirectory(Path.Combine(home, ".microsoft", "usersecrets", "aifeed-3c1f7d2e")).FullName;
        await File.WriteAllTextAsync(Path.Combine(secrets, "secrets.json"), """{ "Admin:ApiKey": "from-user-secrets" }""", TestContext.Current.CancellationToken);
        var feeds = CatalogFile.Write(folder.File("feeds.json"), []);
        var environment = new Dictionary<string, string> { ["HOME"] = home, ["DOTNET_ENVIRONMENT"] = "Production", ["ASPNETCORE_ENVIRONMENT"] = "Production" };
        using var serve = AiFeedProcess.Start(environment, folder.Path, "--feeds", feeds, "--data", folder.File("data"), "--urls", "http://127.0.0.1:0", "--Polling:Enabled=false");
        try
        {
            // Act
            var lines = await ReadUntilAsync(serve, "Admin API");

            // Assert
            Assert.Equal("Admin API on: requests need the X-Api-Key header", lines[^1]);
        }
        finally
        {
            serve.Kill(entireProcessTree: true);
            await serve.WaitForExitAsync(TestContext.Current.CancellationToken);
        }
    }

    private static async Task<List<string>> ReadUntilAsync(Process process, string prefix)
    {
        var lines = new List<string>();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
        {
            // The console logger writes "info: Category[id]" and then the message, indented, on the next line.
            lines.Add(line.Trim());
            if (line.TrimStart().StartsWith(prefix, StringComparison.Ordinal))
            {
                return lines;
            }
        }

        Assert.Fail($"the server exited before it logged '{prefix}': {string.Join('\n', lines)}");
        return lines;
    }
}
