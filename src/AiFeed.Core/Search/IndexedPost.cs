using AiFeed.Model;

namespace AiFeed.Search;

/// <summary>
/// A post as the index takes it: the post and what its story's lead says (null when the story has no
/// lead). New: the index holds no document of it (a post stored for the first time), so its document
/// is added without a delete by its id, which every later flush would apply to every segment.
/// </summary>
public sealed record IndexedPost(Post Post, StoryLead? Lead, bool New = false);

/// <summary>The lead's fields a story is filtered, ordered and faceted by in the collapsed view.</summary>
public sealed record StoryLead(string Id, DateTime SortAt, IReadOnlyList<string> Sources, IReadOnlyList<string> Tags)
{
    public static StoryLead Of(Post lead)
    {
        ArgumentNullException.ThrowIfNull(lead);
        // Its time as the collapsed list orders it: by LeadKey, the lead's SortKey.
        return new(lead.Id, new DateTime(PostFields.SortTicks(lead.LeadKey.Length > 0 ? lead.LeadKey : lead.SortKey, lead.SortAt), DateTimeKind.Utc), lead.Sources.Count > 0 ? lead.Sources : [lead.SourceId], lead.Tags);
    }
}
