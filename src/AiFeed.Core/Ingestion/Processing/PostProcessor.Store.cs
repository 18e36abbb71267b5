using AiFeed.Ingestion.Processing.Clustering;
using AiFeed.Model;
using AiFeed.Storage;

namespace AiFeed.Ingestion.Processing;

public sealed partial class PostProcessor
{
    // Run by one caller at a time (StoreQueue): the stored identities, the stories the group's posts
    // touch (StoryResolver: a few index lookups), then one write of the posts and story records.
    private async Task<IReadOnlyList<ProcessResult>> StoreGroupAsync(IReadOnlyList<StoreRequest> group)
    {
        var cancellationToken = CancellationToken.None;
        var existing = await store.FindStoredAsync([.. group.SelectMany(r => r.Fresh.Select(p => p.Id))], cancellationToken);
        var splits = group.Select(r => PostMerge.Split(r.Fresh, existing, r.Now)).ToList();
        await ReplaceSameUrlAsync(group, splits, cancellationToken);

        // A post named by two requests (two sources cannot, but a retried group can) is written once, as last built.
        var changed = new Dictionary<string, Post>(StringComparer.Ordinal);
        foreach (var (updated, added) in splits)
        {
            foreach (var post in updated.Concat(added))
            {
                changed[post.Id] = post;
            }
        }

        var newIds = splits.SelectMany(s => s.New).Select(p => p.Id).ToHashSet(StringComparer.Ordinal);
        var plan = await resolver.ResolveAsync([.. changed.Values], newIds, cancellationToken);
        var (posts, records, removed) = await StoryWrites.ApplyAsync(plan, changed, store, time.GetUtcNow().UtcDateTime, cancellationToken);
        await stories.SaveStoriesAsync(posts, records, removed, cancellationToken);

        // Stored: whoever waits for these posts' memory to go learns it now, not when its caller resumes.
        foreach (var request in group)
        {
            request.Stored?.Invoke();
        }

        // A new post that founded a story is new; one that joined a story (or that a stored post joined) is merged.
        var founders = plan.Stories.Where(s => !s.KeptId).Select(s => s.Anchor.Id).ToHashSet(StringComparer.Ordinal);
        return [.. group.Select((request, i) =>
        {
            var founded = splits[i].New.Count(p => founders.Contains(p.Id));
            return new ProcessResult(request.Items, founded, splits[i].Updated.Count, splits[i].New.Count - founded, request.Unchanged);
        })];
    }

    /// <summary>
    /// The same URL again from the same source (a feed that changed its GUIDs) is the stored post, or
    /// the first of the group, updated in place, not a second post.
    /// </summary>
    private async Task ReplaceSameUrlAsync(IReadOnlyList<StoreRequest> group, List<PostSplit> splits, CancellationToken cancellationToken)
    {
        var urlKeys = splits.SelectMany(s => s.New).SelectMany(p => p.StoryKeys).Where(IsUrlKey).Distinct(StringComparer.Ordinal).ToList();
        if (urlKeys.Count == 0)
        {
            return;
        }

        var owners = new Dictionary<(string Source, string Key), Post>();
        foreach (var stored in await stories.FindByKeysAsync(new StoryLookup(urlKeys, [], []), cancellationToken))
        {
            foreach (var key in stored.StoryKeys.Where(IsUrlKey))
            {
                owners.TryAdd((stored.SourceId, key), stored);
            }
        }

        var storedIds = owners.Values.Select(p => p.Id).ToHashSet(StringComparer.Ordinal);
        for (var i = 0; i < splits.Count; i++)
        {
            var (updated, added) = splits[i];
            foreach (var post in added.ToList())
            {
                var key = post.StoryKeys.FirstOrDefault(IsUrlKey);
                if (key is null)
                {
                    continue;
                }

                if (!owners.TryGetValue((post.SourceId, key), out var owner))
                {
                    owners.Add((post.SourceId, key), post);
                    continue;
                }

                added.Remove(post);
                var replacement = PostMerge.UpdateInPlace(StoredPost.Of(owner), post, group[i].Now);
                if (storedIds.Contains(owner.Id))
                {
                    updated.RemoveAll(p => string.Equals(p.Id, owner.Id, StringComparison.Ordinal));
                    updated.Add(replacement);
                }
                else
                {
                    // The first of the group with this URL: the later one takes its place as a new post.
                    var index = added.FindIndex(p => ReferenceEquals(p, owner));
                    replacement.ClusterId = replacement.Id;
                    added[index] = replacement;
                    owners[(post.SourceId, key)] = replacement;
                }
            }
        }

        static bool IsUrlKey(string key) => key.StartsWith(StorySignature.UrlKeyPrefix, StringComparison.Ordinal);
    }

    /// <summary>One source's built posts, waiting to be stored with whatever else is queued.</summary>
    private sealed record StoreRequest(List<Post> Fresh, int Items, int Unchanged, DateTime Now, Action? Stored);
}
