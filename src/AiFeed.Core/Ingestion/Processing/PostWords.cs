using AiFeed.Model;

namespace AiFeed.Ingestion.Processing;

/// <summary>A post's title and summary split by <see cref="SearchTerms.AllWords"/> once, for the tagger and the story signature alike.</summary>
internal sealed record PostWords(List<string> Title, List<string> Summary)
{
    public static PostWords Of(Post post)
    {
        ArgumentNullException.ThrowIfNull(post);
        return new(SearchTerms.AllWords(post.Title), SearchTerms.AllWords(post.Summary));
    }
}
