using AiFeed.Model;

namespace AiFeed.Ingestion.Processing.Clustering;

/// <summary>
/// The stories of a set of posts, as a function of the set alone: whatever order, batching or
/// concurrency brought the posts in, the same posts give the same stories.
/// <list type="number">
/// <item>Posts sharing an exact key (URL, arXiv id, DOI) are one story, never split.</item>
/// <item>Posts linked by any match (<see cref="DuplicateRule"/>) form components; a component of one
/// exact-key group is one story (the common case).</item>
/// <item>A larger component is split in canonical order (publication time, then id): each exact-key
/// group joins the first story whose anchor (its earliest post) it matches, strongest reason first, or
/// starts a story of its own. Matching the anchor, never any member, is what stops chains: a post
/// like a post like the story is not the story.</item>
/// </list>
/// </summary>
public static class StoryPartition
{
    /// <summary>A story: its anchor (earliest member) and its members in canonical order.</summary>
    public sealed record Story(Post Anchor, IReadOnlyList<Post> Members);

    /// <summary>The canonical order: publication (else first-seen) time, then id.</summary>
    public static IOrderedEnumerable<Post> Canonical(IEnumerable<Post> posts) =>
        posts.OrderBy(p => p.SortAt).ThenBy(p => p.Id, StringComparer.Ordinal);

    /// <summary>Splits <paramref name="posts"/> (distinct ids) into stories, in canonical order of their anchors.</summary>
    public static List<Story> Split(IEnumerable<Post> posts)
    {
        ArgumentNullException.ThrowIfNull(posts);
        var ordered = posts.ToList();
        ordered.Sort(static (a, b) => a.SortAt != b.SortAt ? a.SortAt.CompareTo(b.SortAt) : string.CompareOrdinal(a.Id, b.Id));
        var exact = new UnionFind(ordered.Count);
        var linked = new UnionFind(ordered.Count);
        foreach (var (i, j) in StoryKeys.Pairs(ordered))
        {
            var reason = DuplicateRule.Match(ordered[i], ordered[j]);
            if (reason is MatchReason.SameUrl or MatchReason.SameArxivId or MatchReason.SameDoi)
            {
                exact.Union(i, j);
                linked.Union(i, j);
            }
            else if (reason != MatchReason.None)
            {
                linked.Union(i, j);
            }
        }

        var stories = new List<(int Anchor, List<int> Members)>();
        foreach (var component in Groups(linked, Enumerable.Range(0, ordered.Count)))
        {
            // Exact-key groups, each in canonical order, ordered by their earliest post.
            if (component.Count == 1)
            {
                stories.Add((component[0], component));
                continue;
            }

            var keyGroups = Groups(exact, component);
            if (keyGroups.Count == 1)
            {
                stories.Add((component[0], component));
                continue;
            }

            var formed = new List<(int Anchor, List<int> Members)>();
            foreach (var group in keyGroups)
            {
                var best = -1;
                var bestReason = MatchReason.None;
                for (var s = 0; s < formed.Count; s++)
                {
                    var anchor = ordered[formed[s].Anchor];
                    foreach (var member in group)
                    {
                        var reason = DuplicateRule.Match(ordered[member], anchor);
                        if (reason != MatchReason.None && (best < 0 || reason < bestReason))
                        {
                            (best, bestReason) = (s, reason);
                        }
                    }
                }

                if (best < 0)
                {
                    formed.Add((group[0], group));
                }
                else
                {
                    formed[best].Members.AddRange(group);
                }
            }

            stories.AddRange(formed);
        }

        stories.Sort(static (a, b) => a.Anchor.CompareTo(b.Anchor));
        return [.. stories.Select(s => new Story(ordered[s.Anchor], s.Members.Count == 1 ? [ordered[s.Anchor]] : [.. s.Members.Order().Select(i => ordered[i])]))];
    }

    // The sets of a union-find among the given indexes, each ascending, ordered by their first index.
    private static List<List<int>> Groups(UnionFind sets, IEnumerable<int> indexes)
    {
        var byRoot = new Dictionary<int, List<int>>();
        var groups = new List<List<int>>();
        foreach (var i in indexes.Order())
        {
            var root = sets.Find(i);
            if (!byRoot.TryGetValue(root, out var group))
            {
                group = [];
                byRoot.Add(root, group);
                groups.Add(group);
            }

            group.Add(i);
        }

        return groups;
    }

    private sealed class UnionFind
    {
        private readonly int[] parent;

        public UnionFind(int count)
        {
            parent = new int[count];
            for (var i = 0; i < count; i++)
            {
                parent[i] = i;
            }
        }

        public int Find(int i)
        {
            while (parent[i] != i)
            {
                parent[i] = parent[parent[i]];
                i = parent[i];
            }

            return i;
        }

        public void Union(int a, int b)
        {
            var (ra, rb) = (Find(a), Find(b));
            if (ra != rb)
            {
                // The smaller index stays the root; which root does not change the sets.
                parent[Math.Max(ra, rb)] = Math.Min(ra, rb);
            }
        }
    }
}
