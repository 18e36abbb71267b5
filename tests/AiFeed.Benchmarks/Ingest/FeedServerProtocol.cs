namespace AiFeed.Benchmarks.Ingest;

/// <summary>Requests, 304s and body bytes the feed server saw since the last take.</summary>
internal sealed record FeedServerCounters(long Requests, long NotModified, long Bytes);

/// <summary>
/// What the feed server's process knows and the bench checks against: the generated feeds' shape and
/// every story and (feed, guid) row served so far, cross-posts and published items included.
/// </summary>
internal sealed record FeedServerExpectation(int Feeds, int Atom, int CrossPosts, int Stories, int Rows, long RawBytes, long GzipBytes);

/// <summary>The item a publish put on top of its feed.</summary>
internal sealed record PublishedItem(string StoryKey, string Guid);
