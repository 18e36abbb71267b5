using AiFeed.Model;

namespace AiFeed.Publishing;

/// <summary>
/// The "top today" list of the reader page. The ranking issue replaces the registration with its
/// clustered ranking; pages only depend on this interface.
/// </summary>
public interface ITopStories
{
    /// <summary>The best <paramref name="count"/> posts first seen or published in the last <paramref name="window"/>, best first.</summary>
    Task<IReadOnlyList<Post>> TopAsync(TimeSpan window, int count, CancellationToken cancellationToken);
}
