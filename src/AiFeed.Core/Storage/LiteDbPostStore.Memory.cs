using AiFeed.Model;

namespace AiFeed.Storage;

public sealed partial class LiteDbPostStore
{
    private SearchIndex? searchIndex;
    private StoryIndex? storyIndex;

    // Both in-memory indexes come from one scan of the stored posts on first use (never persisted:
    // the posts are the truth), then every write updates them. Callers hold the gate.
    private SearchIndex SearchIndex => searchIndex ?? BuildMemoryIndexes().Search;

    private StoryIndex StoryIndex => storyIndex ?? BuildMemoryIndexes().Stories;

    private (SearchIndex Search, StoryIndex Stories) BuildMemoryIndexes()
    {
        var search = new SearchIndex();
        var stories = new StoryIndex();
        foreach (var doc in context.Posts.Query().Select(IndexedProjection.Fields).ToEnumerable())
        {
            var post = IndexedProjection.ToPost(doc);
            search.Upsert(post);
            stories.Upsert(post);
        }

        (searchIndex, storyIndex) = (search, stories);
        return (search, stories);
    }

    // Only once the write has landed; unbuilt, the indexes read these posts when they are built.
    private void Indexed(IReadOnlyList<Post> written)
    {
        if (searchIndex is null || storyIndex is null)
        {
            return;
        }

        foreach (var post in written)
        {
            searchIndex.Upsert(post);
            storyIndex.Upsert(post);
        }
    }
}
