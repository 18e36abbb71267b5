using AiFeed.Catalog;
using AiFeed.Ingestion.Processing.Clustering;
using AiFeed.Model;
using AiFeed.Storage;
using Microsoft.Extensions.Logging;

namespace AiFeed.Ingestion.Processing.Tagging;

/// <summary>
/// Brings stored posts up to the catalog in force: when the taxonomy (or a source's tags) changed
/// since the stored tags were computed, every post is re-tagged, in batches, and only changed posts
/// are written. Posts stored before clustering existed get their story fields on the same pass.
/// </summary>
public sealed partial class Retagger(IPostStore posts, IMetadataStore metadata, PostTagger tagger, ICatalogProvider catalog, ILogger<Retagger> logger)
{
    public const string FingerprintKey = "taxonomy-fingerprint";

    public const int BatchSize = 500;

    /// <summary>Re-tags when needed; returns how many posts were rewritten.</summary>
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var fingerprint = tagger.Fingerprint;
        if (string.Equals(await metadata.GetAsync(FingerprintKey, cancellationToken), fingerprint, StringComparison.Ordinal))
        {
            return 0;
        }

        var rewritten = 0;
        string? after = null;
        while (true)
        {
            var batch = await posts.ListBatchAsync(after, BatchSize, cancellationToken);
            if (batch.Count == 0)
            {
                break;
            }

            // A post stored before clustering gets its story keys here, links in its HTML included.
            await posts.LoadHtmlAsync([.. batch.Where(p => p.ClusterId.Length == 0)], cancellationToken);
            var changed = batch.Where(Refresh).ToList();
            await posts.SaveAsync(changed, cancellationToken);
            rewritten += changed.Count;
            after = batch[^1].Id;
        }

        await metadata.SetAsync(FingerprintKey, fingerprint, cancellationToken);
        Log.Retagged(logger, rewritten);
        return rewritten;
    }

    private bool Refresh(Post post)
    {
        var changed = false;
        if (post.ClusterId.Length == 0)
        {
            // Stored before clustering: a cluster of its own, found by later posts through its keys.
            post.ClusterId = post.Id;
            post.LeadKey = post.SortKey;
            StorySignature.Apply(post);
            // Read for its links only: unloaded again, the write keeps the stored HTML as it is.
            post.ContentNotLoaded(post.HasContent);
            changed = true;
        }

        return tagger.Apply(post, catalog.Current.Find(post.SourceId)) || changed;
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 400, Level = LogLevel.Information, Message = "Taxonomy changed: re-tagged {Posts} stored posts")]
        public static partial void Retagged(ILogger logger, int posts);
    }
}
