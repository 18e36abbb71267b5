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
        var (posts, records, removed) = await ApplyAsync(plan, changed, cancellationToken);
        await stories.SaveStoriesAsync(posts, records, removed, cancellationToken);

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
    private async Task ReplaceSameUrlAsync(IReadOnlyList<StoreRequest> group, List<(List<Post> Updated, List<Post> New)> splits, CancellationToken cancellationToken)
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

    /// <summary>
    /// Gives every post of the plan its story id, elects each story's lead, and lists what must be
    /// written: the changed posts, stored posts whose story, flag or lead status changed (read whole
    /// from the store), and the story records.
    /// </summary>
    private async Task<(List<Post> Posts, List<StoryRecord> Records, List<string> Removed)> ApplyAsync(
        StoryPlan plan, Dictionary<string, Post> changed, CancellationToken cancellationToken)
    {
        var rewrite = new HashSet<string>(plan.Flipped, StringComparer.Ordinal);
        var dirty = new List<PlannedStory>();
        foreach (var story in plan.Stories)
        {
            var previous = plan.Previous.GetValueOrDefault(story.Id);
            var lead = StoryClusters.LeadOf(story.Members);
            var same = previous is not null
                && story.Members.Count == previous.Members.Count
                && story.Members.All(m => previous.Members.Contains(m.Id, StringComparer.Ordinal))
                && string.Equals(previous.LeadId, lead.Id, StringComparison.Ordinal)
                && !story.Members.Any(m => changed.ContainsKey(m.Id) || plan.Flipped.Contains(m.Id));
            if (same)
            {
                continue;
            }

            dirty.Add(story);
            rewrite.Add(lead.Id);
            if (previous is not null)
            {
                rewrite.Add(previous.LeadId);
            }

            foreach (var member in story.Members)
            {
                if (!plan.OldStoryOf.TryGetValue(member.Id, out var old) || !string.Equals(old, story.Id, StringComparison.Ordinal))
                {
                    rewrite.Add(member.Id);
                }
            }
        }

        // Old leads of stories that are gone lose their lead fields.
        foreach (var id in plan.Removed)
        {
            rewrite.Add(plan.Previous[id].LeadId);
        }

        var whole = new Dictionary<string, Post>(changed, StringComparer.Ordinal);
        var toLoad = rewrite.Where(id => !whole.ContainsKey(id)).ToList();
        foreach (var post in await store.GetManyAsync(toLoad, cancellationToken))
        {
            post.TextRepeated |= plan.Flipped.Contains(post.Id);
            whole[post.Id] = post;
        }

        var records = new List<StoryRecord>();
        var removed = new List<string>(plan.Removed);
        var now = time.GetUtcNow().UtcDateTime;
        foreach (var story in dirty)
        {
            var members = story.Members.Select(m => whole.GetValueOrDefault(m.Id) ?? m).ToList();
            foreach (var member in members)
            {
                member.ClusterId = story.Id;
            }

            StoryClusters.Elect(members);
            var memberIds = members.Select(m => m.Id).ToList();
            if (StoryRecord.Needed(story.Id, memberIds))
            {
                records.Add(StoryClusters.Record(story.Id, members, now));
            }
            else
            {
                removed.Add(story.Id);
            }
        }

        // Whole posts only: the changed ones and the stored ones read to be rewritten, never a light copy.
        return ([.. whole.Values], records, removed);
    }

    /// <summary>One source's built posts, waiting to be stored with whatever else is queued.</summary>
    private sealed record StoreRequest(List<Post> Fresh, int Items, int Unchanged, DateTime Now);
}
