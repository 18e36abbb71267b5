using AiFeed.Ingestion.Processing.Clustering;
using AiFeed.Model;
using AiFeed.Storage;

namespace AiFeed.Ingestion.Processing;

/// <summary>What a <see cref="StoryPlan"/> changes in the store: the posts to rewrite and the story records.</summary>
internal static class StoryWrites
{
    /// <summary>
    /// Gives every post of the plan its story id, elects each story's lead, and lists what must be
    /// written: the changed posts, stored posts whose story, flag or lead status changed (read whole
    /// from the store), and the story records.
    /// </summary>
    public static async Task<(List<Post> Posts, List<StoryRecord> Records, List<string> Removed)> ApplyAsync(
        StoryPlan plan, IReadOnlyDictionary<string, Post> changed, IPostStore store, DateTime now, CancellationToken cancellationToken)
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

        var whole = changed.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
        var toLoad = rewrite.Where(id => !whole.ContainsKey(id)).ToList();
        foreach (var post in await store.GetManyAsync(toLoad, cancellationToken))
        {
            post.TextRepeated |= plan.Flipped.Contains(post.Id);
            whole[post.Id] = post;
        }

        var records = new List<StoryRecord>();
        var removed = new List<string>(plan.Removed);
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
}
