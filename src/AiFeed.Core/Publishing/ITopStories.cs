using AiFeed.Model;

namespace AiFeed.Publishing;

/// <summary>
/// The "top today" list of the reader page and the newsletter's top posts, one per story;
/// implemented by <see cref="TopPostsService"/>. Pages only depend on this interface.
/// </summary>
public interface ITopStories
{
    /// <summary>The best <paramref name="count"/> posts first seen or published in the last <paramref name="window"/>, best first.</summary>
    Task<IReadOnlyList<Post>> TopAsync(TimeSpan window, int count, CancellationToken cancellationToken);

    /// <summary>What to say when <see cref="TopAsync"/> finds nothing: why, in words true of what is stored.</summary>
    Task<string> ExplainEmptyAsync(TimeSpan window, CancellationToken cancellationToken);
}
