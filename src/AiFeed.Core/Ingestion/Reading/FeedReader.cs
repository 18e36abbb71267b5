using AiFeed.Catalog;
using AiFeed.Ingestion.Fetching;
using AiFeed.Ingestion.Parsing;

namespace AiFeed.Ingestion.Reading;

/// <summary>Reads one feed URL: conditional GET, then parse. Knows which failures a site may stand in for.</summary>
public sealed class FeedReader(FeedFetcher fetcher, FeedParser parser)
{
    public async Task<ReadResult> ReadAsync(Uri url, string? etag, string? lastModified, string via, CatalogDefaults defaults, CancellationToken cancellationToken)
    {
        var fetched = await fetcher.FetchAsync(
            new FetchRequest(url, etag, lastModified, defaults.UserAgent, defaults.MaxBodyBytes, defaults.RequestTimeout),
            cancellationToken);
        switch (fetched.Outcome)
        {
            case FetchOutcome.NotModified:
                return new ReadResult { Kind = ReadKind.NotModified, Via = via, Fetch = fetched };
            case FetchOutcome.HttpError:
                // Gone or missing is a feed that moved or never existed; 5xx and 429 are passing trouble.
                return ReadResult.Failed(via, fetched.Error ?? "the request failed", fetched) with { CanFallBack = fetched.StatusCode is 404 or 410 };
            case FetchOutcome.Failed:
                return ReadResult.Failed(via, fetched.Error ?? "the request failed", fetched);
        }

        return Parse(fetched, via);
    }

    /// <summary>Reads a response already fetched (a "site" that is in fact a feed) as a feed.</summary>
    public ReadResult Parse(FetchResult fetched, string via)
    {
        ArgumentNullException.ThrowIfNull(fetched);
        try
        {
            var feed = parser.Parse(fetched.Body, fetched.FinalUrl, fetched.Charset);
            return new ReadResult { Kind = ReadKind.Items, Via = via, Items = feed.Items, Ttl = feed.Ttl, Fetch = fetched, Warning = feed.Warning };
        }
        catch (FeedParseException ex)
        {
            return ReadResult.Failed(via, ex.Message, fetched) with { ParseFailed = true, CanFallBack = true };
        }
    }
}
