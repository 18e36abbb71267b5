using AiFeed.Ingestion.Processing.Clustering;
using AiFeed.Storage;
using Microsoft.Extensions.Logging;

namespace AiFeed.Ingestion.Processing;

/// <summary>
/// Brings stored stories up to the rules in force (docs/stories.md), once per store and rules version:
/// every stored post's evidence is computed again (links, DOI, kept fragments; boilerplate decided
/// afresh) and its story decided again, in batches, before polling starts. A store written under
/// older rules keeps no story these rules would not form: snowballed clusters come apart, and
/// story ids stay where the rules keep a story.
/// </summary>
public sealed partial class StoryUpgrade(IPostStore posts, IStoryStore stories, IMetadataStore metadata, TimeProvider time, ILogger<StoryUpgrade> logger)
{
    public const string RulesKey = "story-rules";

    /// <summary>Changed when a change of the rules should decide stored stories again.</summary>
    public const string RulesVersion = "2";

    public const int BatchSize = 500;

    /// <summary>Decides the stored stories again when the rules changed; returns how many posts were decided.</summary>
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        if (string.Equals(await metadata.GetAsync(RulesKey, cancellationToken), RulesVersion, StringComparison.Ordinal))
        {
            return 0;
        }

        var resolver = new StoryResolver(stories);
        var decided = 0;
        for (string? after = null; ;)
        {
            var batch = await posts.ListBatchAsync(after, BatchSize, cancellationToken);
            if (batch.Count == 0)
            {
                break;
            }

            after = batch[^1].Id;
            // The links in each post's HTML are evidence: the one place stored posts are read with it.
            await posts.LoadHtmlAsync(batch, cancellationToken);
            foreach (var post in batch)
            {
                // Found again against the posts it meets while its story is decided.
                post.TextRepeated = false;
                post.ClusterId = post.ClusterId.Length > 0 ? post.ClusterId : post.Id;
                StorySignature.Apply(post);
                // Read for its links only: unloaded again, the write keeps the stored HTML as it is.
                post.ContentNotLoaded(post.HasContent);
            }

            // Every post of a batch is a stored post whose evidence changed: its story, and every story
            // it may join or leave, is decided again; what is not touched is decided by a later batch.
            var changed = batch.ToDictionary(p => p.Id, StringComparer.Ordinal);
            var plan = await resolver.ResolveAsync(batch, new HashSet<string>(StringComparer.Ordinal), cancellationToken);
            var (written, records, removed) = await StoryWrites.ApplyAsync(plan, changed, posts, time.GetUtcNow().UtcDateTime, cancellationToken);
            await stories.SaveStoriesAsync(written, records, removed, cancellationToken);
            decided += batch.Count;
        }

        await metadata.SetAsync(RulesKey, RulesVersion, cancellationToken);
        if (decided > 0)
        {
            Log.Upgraded(logger, decided, RulesVersion);
        }

        return decided;
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 410, Level = LogLevel.Information, Message = "Story rules changed: decided the stories of {Posts} stored posts again (rules {RulesVersion})")]
        public static partial void Upgraded(ILogger logger, int posts, string rulesVersion);
    }
}
