using AiFeed.Ingestion.Processing.Clustering;
using AiFeed.Model;
using AiFeed.Storage;

namespace AiFeed.Ingestion.Processing;

public sealed partial class PostProcessor
{
    // Inside the write gate: three index lookups (ids, story candidates, cluster members), the
    // clustering decisions in memory, one write.
    private async Task<ProcessResult> StoreAsync(List<Post> fresh, int items, int unchanged, DateTime now, CancellationToken cancellationToken)
    {
        var existing = await store.FindAsync([.. fresh.Select(p => p.Id)], [], cancellationToken);
        var (updated, added) = PostMerge.Split(fresh, existing, now);
        var joined = 0;
        if (added.Count > 0)
        {
            var lookup = new StoryLookup(
                [.. added.SelectMany(p => p.StoryKeys).Distinct(StringComparer.Ordinal)],
                [.. added.Select(p => p.TitleKey).Where(DuplicateRule.IsDistinctiveTitle).Distinct(StringComparer.Ordinal)],
                [.. added.SelectMany(p => p.TextBands).Distinct(StringComparer.Ordinal)]);
            var candidates = await store.FindStoryCandidatesAsync(lookup, cancellationToken);
            var assignment = StoryClusters.Assign(added, candidates);
            joined = assignment.Joined;
            updated.AddRange(assignment.Replacements.Select(r => PostMerge.UpdateInPlace(r.Stored, r.Fresh, now)));
        }

        var writes = new Dictionary<string, Post>(StringComparer.Ordinal);
        foreach (var post in updated.Concat(added))
        {
            writes[post.Id] = post;
        }

        // Every cluster a written post belongs to elects its representative again, with the
        // written posts in place of their stored versions.
        var clusterIds = writes.Values.Select(p => p.ClusterId).Distinct(StringComparer.Ordinal).ToList();
        var members = await store.GetClustersAsync(clusterIds, cancellationToken);
        foreach (var member in members)
        {
            writes.TryAdd(member.Id, member);
        }

        foreach (var cluster in writes.Values.GroupBy(p => p.ClusterId, StringComparer.Ordinal))
        {
            StoryClusters.Elect([.. cluster]);
        }

        await store.SaveAsync([.. writes.Values], cancellationToken);
        return new ProcessResult(items, added.Count - joined, updated.Count, joined, unchanged);
    }
}
