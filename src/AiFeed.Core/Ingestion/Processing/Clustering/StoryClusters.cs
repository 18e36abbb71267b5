using AiFeed.Model;

namespace AiFeed.Ingestion.Processing.Clustering;

/// <summary>
/// A story's lead and what the stored posts say about it. Every post stays stored under its own id;
/// a story is the posts sharing a ClusterId, and only its lead has a LeadKey, so the collapsed list
/// is one index range.
/// </summary>
public static class StoryClusters
{
    /// <summary>The representative: a post from the story's own site first, then the earliest.</summary>
    public static Post LeadOf(IReadOnlyList<Post> members)
    {
        ArgumentNullException.ThrowIfNull(members);
        if (members.Count == 1)
        {
            return members[0];
        }

        return members
            .OrderByDescending(p => p.FirstParty)
            .ThenBy(p => p.SortAt)
            .ThenBy(p => p.FirstSeenAt)
            .ThenBy(p => p.Id, StringComparer.Ordinal)
            .First();
    }

    /// <summary>Picks the lead of one story and sets the derived fields of every member.</summary>
    public static void Elect(IReadOnlyList<Post> members)
    {
        ArgumentNullException.ThrowIfNull(members);
        if (members.Count == 0)
        {
            return;
        }

        var lead = LeadOf(members);
        if (members.Count == 1)
        {
            // Most stories: one post, its own lead.
            (lead.LeadKey, lead.AlsoIn, lead.Sources) = (lead.SortKey, [], [lead.SourceId]);
            return;
        }

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

    /// <summary>The stored record of a story of several posts: members, anchor, lead and the anchor's evidence.</summary>
    public static StoryRecord Record(string id, IReadOnlyList<Post> members, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(members);
        var ordered = StoryPartition.Canonical(members).ToList();
        var anchor = ordered[0];
        return new StoryRecord
        {
            Id = id,
            Members = [.. ordered.Select(m => m.Id)],
            AnchorId = anchor.Id,
            LeadId = LeadOf(members).Id,
            Keys = [.. members.SelectMany(m => m.StoryKeys).Distinct(StringComparer.Ordinal)],
            TitleKey = anchor.TitleKey,
            TextHash = anchor.TextRepeated ? 0 : anchor.TextHash,
            Links = [.. anchor.Links],
            UpdatedAt = now,
        };
    }
}
