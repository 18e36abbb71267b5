namespace AiFeed.Model;

/// <summary>
/// A story of more than one post (or whose id is not its one post's id), as stored: who is in it, who
/// leads it, and the evidence later posts are checked against. A story of one post whose id is that
/// post's id has no record: its post holds all of it.
/// </summary>
public sealed class StoryRecord
{
    /// <summary>The story id every member carries as <see cref="Post.ClusterId"/>.</summary>
    public required string Id { get; set; }

    /// <summary>Member post ids, in canonical order (earliest first).</summary>
    public List<string> Members { get; set; } = [];

    /// <summary>The earliest member: similar posts join by matching it, never another member.</summary>
    public string AnchorId { get; set; } = "";

    /// <summary>The representative the collapsed lists show.</summary>
    public string LeadId { get; set; } = "";

    /// <summary>Every exact key of every member (URL, arXiv, DOI).</summary>
    public List<string> Keys { get; set; } = [];

    /// <summary>The anchor's normalised title.</summary>
    public string TitleKey { get; set; } = "";

    /// <summary>The anchor's SimHash (0 when it has none, or its source repeats it).</summary>
    public long TextHash { get; set; }

    /// <summary>The anchor's outbound links.</summary>
    public List<string> Links { get; set; } = [];

    public DateTime UpdatedAt { get; set; }

    /// <summary>The store's write counter when this record was last written (see <see cref="Post.Revision"/>).</summary>
    public long Revision { get; set; }

    /// <summary>A record is kept only for stories the members alone do not describe.</summary>
    public static bool Needed(string id, IReadOnlyList<string> members)
    {
        ArgumentNullException.ThrowIfNull(members);
        return members.Count != 1 || !string.Equals(members[0], id, StringComparison.Ordinal);
    }

    /// <summary>The story of one post whose id is that post's id, which has no record: described from the post.</summary>
    public static StoryRecord Implicit(Post post)
    {
        ArgumentNullException.ThrowIfNull(post);
        return new()
        {
            Id = post.Id,
            Members = [post.Id],
            AnchorId = post.Id,
            LeadId = post.Id,
            Keys = [.. post.StoryKeys],
            TitleKey = post.TitleKey,
            TextHash = post.TextRepeated ? 0 : post.TextHash,
            Links = [.. post.Links],
        };
    }
}
