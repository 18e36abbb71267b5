using System.Net.Http.Json;
using System.Text.Json;
using AiFeed.Model;
using AiFeed.Storage;
using AiFeed.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace AiFeed.Tests.Ingestion.Scraping;

/// <summary>What the tests of sites read through the real host share: sources on the loopback server, the host, the API's view of a source.</summary>
public abstract class SiteLoopbackTests : LoopbackTests
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    protected static List<ReadAttempt> Attempts(JsonElement source) =>
        source.GetProperty("attempts").Deserialize<List<ReadAttempt>>(Web)!;

    protected static async Task<IReadOnlyList<Post>> PostsAsync(AiFeedApp app) =>
        (await app.Services.GetRequiredService<IPostStore>().QueryAsync(new PostQuery { Limit = 200 }, TestContext.Current.CancellationToken)).Items;

    protected static async Task<JsonElement> SourceAsync(AiFeedApp app, string id)
    {
        var body = await app.CreateClient().GetFromJsonAsync<JsonElement>("/api/sources", TestContext.Current.CancellationToken);
        return body.GetProperty("sources").EnumerateArray().Single(s => s.GetProperty("id").GetString() == id);
    }

    protected Dictionary<string, object> Source(string id, string? url = null, string? site = null, object? scrape = null)
    {
        var source = new Dictionary<string, object> { ["id"] = id, ["name"] = $"Source {id}", ["tags"] = new[] { id } };
        if (url is not null)
        {
            source["url"] = Server.Url(url).AbsoluteUri;
        }

        if (site is not null)
        {
            source["site"] = Server.Url(site).AbsoluteUri;
        }

        if (scrape is not null)
        {
            source["scrape"] = scrape;
        }

        return source;
    }

    protected AiFeedApp App(params object[] sources) =>
        new(CatalogFile.Write(Folder.File($"feeds-{Guid.NewGuid():N}.json"), sources, new { requestTimeout = "00:00:10", pollInterval = "00:30:00" }));
}
