namespace AiFeed.Model;

/// <summary>
/// A post as a list shows it (the API's list and its search hits): what a page reads of each post,
/// without its HTML, categories or story-lookup evidence. The embedded store answers lists with it
/// from the search index, without reading the posts (docs/decisions/0027-list-projection-in-the-index.md).
/// </summary>
public sealed record PostListing(
    string Id,
    string ClusterId,
    string Title,
    string? Url,
    string SourceId,
    DateTime? PublishedAt,
    DateTime FirstSeenAt,
    DateTime UpdatedAt,
    DateTime SortAt,
    string? Author,
    string Summary,
    IReadOnlyList<string> Tags,
    IReadOnlyList<AlsoIn> AlsoIn,
    string SortKey,
    string LeadKey)
{
    /// <summary>The story's id (<see cref="Post.ClusterId"/>, or the post's own id before it has one).</summary>
    public string StoryId => ClusterId.Length > 0 ? ClusterId : Id;

    public static PostListing Of(Post post)
    {
        ArgumentNullException.ThrowIfNull(post);
        return new(
            post.Id,
            post.ClusterId,
            post.Title,
            post.Url,
            post.SourceId,
            post.PublishedAt,
            post.FirstSeenAt,
            post.UpdatedAt,
            post.SortAt,
            post.Author,
            post.Summary,
            post.Tags,
            post.AlsoIn,
            post.SortKey,
            post.LeadKey);
    }
}

/// <summary>One page of listings, newest first (a search: best first), with what a search adds: <see cref="PostPage"/> as lists read it.</summary>
public sealed record ListingPage(IReadOnlyList<PostListing> Items, string? NextAfter, SearchOutcome? Search = null);
