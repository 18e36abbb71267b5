using AiFeed.Model;
using AiFeed.Storage;

namespace AiFeed.Ingestion.Processing.Clustering;

/// <summary>
/// Re-decides the stories that changed posts (new ones, and stored ones updated in place) touch, so
/// the stored stories stay what <see cref="StoryPartition"/> makes of all stored posts together,
/// whatever order they came in. The touched part is closed before it is split: every stored post a
/// changed post may match (by the widest form of the rule), every post those may match, and every
/// member of every story met on the way. Posts outside it keep their stories: no edge leads to them.
/// </summary>
public sealed class StoryResolver(IStoryStore store)
{
    /// <summary>
    /// The stories of the closed part around <paramref name="changed"/>, with their ids: a story keeps
    /// the id of the oldest story among its members (the one holding its earliest post first), so ids
    /// survive new members and lead changes; a story with none gets its anchor's id (or, when that is
    /// taken, a numbered variant). Sets <see cref="Post.TextRepeated"/> where a source repeats a summary.
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
                    part.Admit(member);
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

    /// <summary>The posts whose stories are being re-decided, and what was learned about them.</summary>
    private sealed class Part(IReadOnlySet<string> newIds)
    {
        private readonly Dictionary<string, Post> posts = new(StringComparer.Ordinal);
        // A post, or a List<Post> once a key has several: most keys have one post.
        private readonly Dictionary<(StoryKeys.Kind, string), object> byKey = [];
        private readonly List<(StoryKeys.Kind, string)> keys = [];
        private readonly HashSet<string> looked = new(StringComparer.Ordinal);
        private readonly HashSet<string> visitedStories = new(StringComparer.Ordinal);
        private readonly Dictionary<string, StoryRecord> previous = new(StringComparer.Ordinal);
        private readonly HashSet<string> flipped = new(StringComparer.Ordinal);

        public IEnumerable<Post> Posts => posts.Values;

        public IReadOnlyDictionary<string, StoryRecord> Previous => previous;

        /// <summary>Stored posts whose <see cref="Post.TextRepeated"/> turned true here.</summary>
        public IReadOnlySet<string> Flipped => flipped;

        public bool IsStored(Post post) => !newIds.Contains(post.Id);

        public bool Contains(string id) => posts.ContainsKey(id);

        public bool FirstVisit(string storyId) => storyId.Length > 0 && visitedStories.Add(storyId);

        public void Remember(IEnumerable<StoryRecord> stories)
        {
            foreach (var story in stories)
            {
                previous[story.Id] = story;
            }
        }

        public void Admit(Post post)
        {
            if (posts.TryAdd(post.Id, post))
            {
                Index(byKey, post);
            }
        }

        public List<Post> TakeFrontier()
        {
            var frontier = posts.Values.Where(p => !looked.Contains(p.Id)).ToList();
            looked.UnionWith(frontier.Select(p => p.Id));
            return frontier;
        }

        /// <summary>
        /// Compares the frontier with the part and with stored candidates: a candidate any of them may
        /// match joins the part, and so does one whose summary turns out to be boilerplate here (its
        /// evidence changed, so its story is decided again). Flags only ever turn on, so a match by the
        /// flags known now includes every match by the flags known at the end.
        /// </summary>
        public void Meet(List<Post> frontier, IReadOnlyList<Post> candidates)
        {
            var outside = new Dictionary<(StoryKeys.Kind, string), object>();
            foreach (var candidate in candidates)
            {
                if (!posts.ContainsKey(candidate.Id))
                {
                    Index(outside, candidate);
                }
            }

            var frontierIds = frontier.Select(p => p.Id).ToHashSet(StringComparer.Ordinal);
            var admit = new List<Post>();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var a in frontier)
            {
                seen.Clear();
                keys.Clear();
                StoryKeys.AddTo(a, keys);
                foreach (var key in keys)
                {
                    foreach (var index in (ReadOnlySpan<Dictionary<(StoryKeys.Kind, string), object>>)[byKey, outside])
                    {
                        switch (index.GetValueOrDefault(key))
                        {
                            case Post one:
                                Consider(a, one);
                                break;
                            case List<Post> several:
                                foreach (var b in several)
                                {
                                    Consider(a, b);
                                }

                                break;
                        }
                    }
                }
            }

            foreach (var post in admit)
            {
                Admit(post);
            }

            // A pair of two frontier posts is met once, from its smaller id.
            void Consider(Post a, Post b)
            {
                if (!ReferenceEquals(a, b)
                    && !(frontierIds.Contains(b.Id) && string.CompareOrdinal(b.Id, a.Id) < 0)
                    && seen.Add(b.Id))
                {
                    Compare(a, b, admit);
                }
            }
        }

        private void Compare(Post a, Post b, List<Post> admit)
        {
            if (DuplicateRule.RepeatsText(a, b))
            {
                if (MarkRepeated(a))
                {
                    admit.Add(a);
                }

                if (MarkRepeated(b))
                {
                    admit.Add(b);
                }
            }

            if (DuplicateRule.Match(a, b) != MatchReason.None)
            {
                admit.Add(a);
                admit.Add(b);
            }
        }

        private void Index(Dictionary<(StoryKeys.Kind, string), object> index, Post post)
        {
            keys.Clear();
            StoryKeys.AddTo(post, keys);
            foreach (var key in keys)
            {
                if (!index.TryGetValue(key, out var held))
                {
                    index.Add(key, post);
                }
                else if (held is List<Post> several)
                {
                    several.Add(post);
                }
                else if (!ReferenceEquals(held, post))
                {
                    index[key] = new List<Post> { (Post)held, post };
                }
            }
        }

        // True when the flag of a stored post turned on: its story must be decided again.
        private bool MarkRepeated(Post post)
        {
            if (post.TextRepeated)
            {
                return false;
            }

            post.TextRepeated = true;
            if (!IsStored(post))
            {
                return false;
            }

            flipped.Add(post.Id);
            // Already looked up: look again, so its story is fetched and decided with the new flag.
            looked.Remove(post.Id);
            return true;
        }
    }
}

/// <summary>One story as decided: its id, anchor and members (canonical order); whether the id was a stored story's.</summary>
public sealed record PlannedStory(string Id, Post Anchor, IReadOnlyList<Post> Members, bool KeptId);

/// <summary>
/// What <see cref="StoryResolver"/> decided: every story of the part, the ids of stored stories no
/// story keeps, the stored records of the stories met, each stored post's story before, and the
/// stored posts whose summary turned out to be boilerplate.
/// </summary>
public sealed record StoryPlan(
    IReadOnlyList<PlannedStory> Stories,
    IReadOnlyList<string> Removed,
    IReadOnlyDictionary<string, StoryRecord> Previous,
    IReadOnlyDictionary<string, string> OldStoryOf,
    IReadOnlySet<string> Flipped);
