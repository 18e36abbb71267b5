using System.Text.Json;
using System.Text.Json.Nodes;
using AiFeed.Ingestion;
using AiFeed.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AiFeed.Benchmarks.Ingest;

/// <summary>
/// AiFeed's real Core services, composed the way the host composes them, over a generated catalog
/// of the synthetic feeds, the shipped taxonomy and a fresh data folder.
/// </summary>
internal sealed class IngestPipeline : IDisposable
{
    private readonly ServiceProvider provider;

    public IngestPipeline(IEnumerable<SyntheticFeed> feeds, Uri server, int concurrency)
        : this(CatalogJson(feeds, server, concurrency), concurrency)
    {
    }

    /// <summary>Over any feeds.json text (the story bench lists the bench server's feeds).</summary>
    public IngestPipeline(string catalogJson, int concurrency)
    {
        Folder = Directory.CreateTempSubdirectory("aifeed-ingest-bench-").FullName;
        var catalogPath = Path.Combine(Folder, "feeds.json");
        File.WriteAllText(catalogPath, catalogJson);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Catalog:FeedsPath"] = catalogPath,
            ["Catalog:Watch"] = "false",
            ["Storage:DataDirectory"] = Path.Combine(Folder, "data"),
            ["Fetch:AllowedNetworks:0"] = "127.0.0.0/8",
        }).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging(l => l.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning));
        services.AddAiFeedCore();
        provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
        Poller = provider.GetRequiredService<SourcePoller>();
        Posts = provider.GetRequiredService<IPostStore>();
        Database = provider.GetRequiredService<LiteDbContext>();
    }

    public string Folder { get; }

    public SourcePoller Poller { get; }

    public IPostStore Posts { get; }

    public LiteDbContext Database { get; }

    public long LogFileBytes
    {
        get
        {
            var log = Path.ChangeExtension(Database.DatabasePath, null) + "-log" + Path.GetExtension(Database.DatabasePath);
            return File.Exists(log) ? new FileInfo(log).Length : 0;
        }
    }

    public long DataFileBytes => new FileInfo(Database.DatabasePath).Length;

    public void Dispose()
    {
        provider.Dispose();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless; the next run makes its own.
        }
    }

    /// <summary>A feeds.json of <paramref name="feeds"/> on the bench's server, with the shipped taxonomy.</summary>
    internal static string CatalogJson(IEnumerable<SyntheticFeed> feeds, Uri server, int concurrency)
    {
        var catalog = new JsonObject
        {
            ["defaults"] = new JsonObject
            {
                ["pollInterval"] = "00:30:00",
                ["maxConcurrency"] = concurrency,
                // Every synthetic feed is on one loopback host; real catalogs spread over many.
                ["maxConcurrencyPerHost"] = concurrency,
                ["maxItemsPerFeed"] = 500,
            },
            ["feeds"] = new JsonArray([.. feeds.Select(f => (JsonNode)new JsonObject
            {
                ["id"] = f.Id,
                ["name"] = f.Id + " AI blog",
                ["url"] = new Uri(server, f.Path).AbsoluteUri,
                ["site"] = f.Site,
                ["tags"] = new JsonArray("research"),
            })]),
        };
        // Without one, posts get the shipped default taxonomy (feeds.json no longer names one; a null
        // here is a catalog error).
        if (ShippedTaxonomy() is { } taxonomy)
        {
            catalog["taxonomy"] = taxonomy;
        }

        return catalog.ToJsonString();
    }

    // The repository's feeds.json taxonomy, so tagging costs what it costs in production.
    private static JsonNode? ShippedTaxonomy()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var path = Path.Combine(dir.FullName, "feeds.json");
            if (File.Exists(path) && File.Exists(Path.Combine(dir.FullName, "AiFeed.slnx")))
            {
                var root = JsonNode.Parse(File.ReadAllText(path), documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
                return root?["taxonomy"]?.DeepClone();
            }
        }

        return null;
    }
}
