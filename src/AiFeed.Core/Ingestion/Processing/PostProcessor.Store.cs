using AiFeed.Ingestion.Processing.Clustering;
using AiFeed.Model;
using AiFeed.Storage;

namespace AiFeed.Ingestion.Processing;

public sealed partial class PostProcessor
{
    // Run by one caller at a time (StoreQueue): three index lookups for the whole group (stored
    // identities, story candidates, members of the clusters that grew), the clustering decisions in
    // memory, source by source in queue order, then one write.
    private async Task<IReadOnlyList<ProcessResult>> StoreGroupAsync(IReadOnlyList<StoreRequest> group)
    {
        var cancellationToken = CancellationToken.None;
        var existing = await store.FindStoredAsync([.. group.SelectMany(r => r.Fresh.Select(p => p.Id))], cancellationToken);
        var splits = group.Select(r => PostMerge.Split(r.Fresh, existing, r.Now)).ToList();
        var allAdded = splits.SelectMany(s => s.New).ToList();
        IReadOnlyList<Post> candidates = [];
        if (allAdded.Count > 0)
        {
            var lookup = new StoryLookup(
                [.. allAdded.SelectMany(p => p.StoryKeys).Distinct(StringComparer.Ordinal)],
                [.. allAdded.Select(p => p.TitleKey).Where(DuplicateRule.IsDistinctiveTitle).Distinct(StringComparer.Ordinal)],
                [.. allAdded.SelectMany(p => p.TextBands).Distinct(StringComparer.Ordinal)]);
            candidates = await store.FindStoryCandidatesAsync(lookup, cancellationToken);
        }

        // Each source's new posts meet the stored candidates and the posts of the sources before it.
        var pool = new List<Post>(candidates);
        var results = new List<ProcessResult>(group.Count);
        var writes = new Dictionary<string, Post>(StringComparer.Ordinal);
        for (var i = 0; i < group.Count; i++)
        {
            var (updated, added) = splits[i];
            var joined = 0;
            if (added.Count > 0)
            {
                var assignment = StoryClusters.Assign(added, pool);
                joined = assignment.Joined;
                updated.AddRange(assignment.Replacements.Select(r => PostMerge.UpdateInPlace(StoredPost.Of(r.Stored), r.Fresh, group[i].Now)));
                pool.AddRange(added);
            }

            foreach (var post in updated.Concat(added))
            {
                writes[post.Id] = post;
            }

            results.Add(new ProcessResult(group[i].Items, added.Count - joined, updated.Count, joined, group[i].Unchanged));
        }

        // Every cluster a written post belongs to elects its representative again, with the written
        // posts in place of their stored versions. A cluster founded by a post of this group has no
        // stored members to read.
        var founded = allAdded.Select(p => p.Id).ToHashSet(StringComparer.Ordinal);
        var storedClusters = writes.Values.Select(p => p.ClusterId).Where(c => !founded.Contains(c)).Distinct(StringComparer.Ordinal).ToList();
        if (storedClusters.Count > 0)
        {
            foreach (var member in await store.GetClustersAsync(storedClusters, cancellationToken))
            {
                writes.TryAdd(member.Id, member);
            }
        }

        foreach (var cluster in writes.Values.GroupBy(p => p.ClusterId, StringComparer.Ordinal))
        {
            StoryClusters.Elect([.. cluster]);
        }

        await store.SaveAsync([.. writes.Values], cancellationToken);
        return results;
    }

    /// <summary>One source's built posts, waiting to be stored with whatever else is queued.</summary>
    private sealed record StoreRequest(List<Post> Fresh, int Items, int Unchanged, DateTime Now);
}
