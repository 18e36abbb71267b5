namespace AiFeed.Storage;

/// <summary>
/// Told after posts were written, so readers of derived data (the host's feed output cache) can
/// drop it. Observers run after the write committed; a failing observer never undoes it.
/// </summary>
public interface IPostWriteObserver
{
    ValueTask PostsWrittenAsync(int count, CancellationToken cancellationToken);
}
