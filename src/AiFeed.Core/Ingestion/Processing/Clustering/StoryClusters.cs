using AiFeed.Model;

namespace AiFeed.Ingestion.Processing.Clustering;

/// <summary>
/// Puts new posts into story clusters and elects each cluster's representative. Every post stays
/// stored under its own id; a cluster is the posts sharing a ClusterId, and only its representative
/// has a LeadKey, so the collapsed list is one index range.
/// </summary>
public static class StoryClusters
{
    /// <summary>Outcome of <see cref="Assign"/>: posts that replace a stored one of the same source, and how many joined a cluster.</summary>
    public sealed record Assignment(List<(Post Stored, Post Fresh)> Replacements, int Joined);

    /// <summary>
    /// Sets ClusterId on each of <paramref name="added"/>: the cluster of its best match among
    /// <paramref name="candidates"/> and the posts before it, or its own. The same URL again from the
    /// same source (a feed that changed its GUIDs) is a replacement, not a second member.
    /// </summary>
    public static Assignment Assign(List<Post> added, IReadOnlyList<Post> candidates)
    {
        ArgumentNullException.ThrowIfNull(added);
        ArgumentNullException.ThrowIfNull(candidates);
        var pool = new List<Post>(candidates);
        var replacements = new List<(Post, Post)>();
        var joined = 0;
        foreach (var post in added.ToList())
        {
            var (match, reason) = Best(post, pool);
            if (match is null)
            {
                pool.Add(post);
                continue;
            }

            if (reason == MatchReason.SameUrl && string.Equals(match.SourceId, post.SourceId, StringComparison.Ordinal))
            {
                added.Remove(post);
                replacements.Add((match, post));
                continue;
            }

            post.ClusterId = match.ClusterId.Length > 0 ? match.ClusterId : match.Id;
            joined++;
            pool.Add(post);
        }

        return new Assignment(replacements, joined);
    }

    /// <summary>
    /// Picks the representative of one cluster (a post from the story's own site first, then the
    /// earliest) and sets the derived fields of every member.
    /// </summary>
    public static void Elect(IReadOnlyList<Post> members)
    {
        ArgumentNullException.ThrowIfNull(members);
        if (members.Count == 0)
        {
            return;
        }

        var lead = members
            .OrderByDescending(p => p.FirstParty)
            .ThenBy(p => p.SortAt)
            .ThenBy(p => p.FirstSeenAt)
            .ThenBy(p => p.Id, StringComparer.Ordinal)
            .First();
        foreach (var member in members)
        {
            if (ReferenceEquals(member, lead))
            {
                continue;
            }

            member.LeadKey = "";
            member.AlsoIn = [];
            member.Sources = [member.SourceId];
        }

        lead.LeadKey = lead.SortKey;
        lead.AlsoIn = [.. members.Where(m => !ReferenceEquals(m, lead) && m.Url is not null)
            .OrderBy(m => m.SortAt)
            .Select(m => new AlsoIn { SourceId = m.SourceId, Url = m.Url! })];
        lead.Sources = [.. members.Select(m => m.SourceId).Prepend(lead.SourceId).Distinct(StringComparer.Ordinal)];
    }

    // The strongest reason wins (same URL, then arXiv id, title, text); among equals the closest in time.
    private static (Post? Match, MatchReason Reason) Best(Post post, List<Post> pool)
    {
        Post? best = null;
        var bestReason = MatchReason.None;
        var bestGap = TimeSpan.MaxValue;
        foreach (var candidate in pool)
        {
            if (string.Equals(candidate.Id, post.Id, StringComparison.Ordinal))
            {
                continue;
            }

            var reason = DuplicateRule.Match(post, candidate);
            if (reason == MatchReason.None)
            {
                continue;
            }

            var gap = (post.SortAt - candidate.SortAt).Duration();
            if (best is null || reason < bestReason || (reason == bestReason && gap < bestGap))
            {
                (best, bestReason, bestGap) = (candidate, reason, gap);
            }
        }

        return (best, bestReason);
    }
}
