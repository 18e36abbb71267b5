using AiFeed.Model;
using AiFeed.Storage;

namespace AiFeed.Ingestion.Processing.Clustering;

/// <summary>
/// Re-decides the stories that changed posts (new ones, and stored ones updated in place) touch, so
/// the stored stories stay what <see cref="StoryPartition"/> makes of all stored posts together,
/// whatever order they came in. The touched part is closed before it is split: every stored post a
/// changed post may match (by the boilerplate flags known so far, which only ever turn on), every
/// post those may match, every post whose summary turns out to be boilerplate, and every member of
/// every story met on the way. Posts outside it keep their stories: no match leads to them.
/// </summary>
public sealed partial class StoryResolver(IStoryStore store)
{
    /// <summary>
    /// The stories of the closed part around <paramref name="changed"/>, with their ids: a story keeps
    /// the id of the oldest story among its members (the one holding its earliest post first), so ids
    /// survive new members and lead changes; a story with none gets its anchor's id (or, when that is
    /// taken, a numbered variant). Sets <see cref="Post.TextRepeated"/> where a summary turns out to be boilerplate.
    /// </summary>
    /// <param name="changed">Built posts with their evidence; updated ones carry their stored ClusterId.</param>
    /// <param name="newIds">Ids of the posts in <paramref name="changed"/> not stored before.</param>
    public async Task<StoryPlan> ResolveAsync(IReadOnlyList<Post> changed, IReadOnlySet<string> newIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(changed);
        ArgumentNullException.ThrowIfNull(newIds);
        var part = new Part(newIds);
        foreach (var post in changed)
        {
            part.Admit(post);
        }

        while (part.TakeFrontier() is { Count: > 0 } frontier)
        {
            // Every member of every stored story met joins the part: its story is re-decided whole.
            var storyIds = frontier.Where(part.IsStored).Select(p => p.ClusterId).Where(part.FirstVisit).ToList();
            if (storyIds.Count > 0)
            {
                var stories = await store.GetStoriesAsync(storyIds, cancellationToken);
                part.Remember(stories);
                var missing = stories.SelectMany(s => s.Members).Where(id => !part.Contains(id)).Distinct(StringComparer.Ordinal).ToList();
                foreach (var member in await store.GetEvidenceAsync(missing, cancellationToken))
                {
                    part.AdmitStored(member);
                }
            }

            var candidates = await store.FindByKeysAsync(StoryKeys.LookupOf(frontier), cancellationToken);
            part.Meet(frontier, candidates);
        }

        return await PlanAsync(part, cancellationToken);
    }

    private async Task<StoryPlan> PlanAsync(Part part, CancellationToken cancellationToken)
    {
        var oldStoryOf = part.Posts.Where(part.IsStored).ToDictionary(p => p.Id, p => p.ClusterId, StringComparer.Ordinal);
        var taken = new HashSet<string>(oldStoryOf.Values, StringComparer.Ordinal);
        var kept = new HashSet<string>(StringComparer.Ordinal);
        var planned = new List<PlannedStory>();
        foreach (var story in StoryPartition.Split(part.Posts))
        {
            string? id = null;
            foreach (var member in story.Members)
            {
                if (oldStoryOf.TryGetValue(member.Id, out var old) && old.Length > 0 && kept.Add(old))
                {
                    id = old;
                    break;
                }
            }

            id ??= await FreshIdAsync(story.Anchor.Id, !part.IsStored(story.Anchor), taken, cancellationToken);
            planned.Add(new PlannedStory(id, story.Anchor, story.Members, kept.Contains(id)));
        }

        var removed = part.Previous.Keys.Where(id => !kept.Contains(id)).ToList();
        return new StoryPlan(planned, removed, part.Previous, oldStoryOf, part.Flipped);
    }

    // The anchor's id when no story has it, else the first free "id-2", "id-3"… An id a story has
    // ever been seen with in this part is not given again, so no feed reader mistakes a new story
    // for one it has shown. A post stored only now has an id no story can have had (story ids are
    // ids of stored posts, or derived from them), so only a stored anchor's id is looked up.
    private async Task<string> FreshIdAsync(string anchorId, bool anchorIsNew, HashSet<string> taken, CancellationToken cancellationToken)
    {
        for (var n = 1; ; n++)
        {
            var id = n == 1 ? anchorId : string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{anchorId}-{n}");
            if (!taken.Contains(id) && ((n == 1 && anchorIsNew) || (await store.GetStoriesAsync([id], cancellationToken)).Count == 0))
            {
                taken.Add(id);
                return id;
            }
        }
    }
}
