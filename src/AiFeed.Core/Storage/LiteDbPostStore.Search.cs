using AiFeed.Model;
using AiFeed.Search;

namespace AiFeed.Storage;

public sealed partial class LiteDbPostStore
{
    // Matches ranked by relevance, then recency, from the Lucene index; paged by position ("@" and
    // the number already returned). Collapsed, a story matches through any of its posts and its
    // lead is shown.
    private PostPage Search(PostQuery query, SearchText text)
    {
        var limit = PostOrder.Limit(query);
        var offset = PostOrder.SearchOffset(query);

        // A cursor that is not a position is ignored: ranks have no key to continue from.
        var found = Index.Search(query with { After = null }, text, offset, limit);
        List<Post> ranked;
        using (context.Gate.EnterScope())
        {
            ranked = LoadInOrder([.. found.Ids]);
        }

        var mark = SearchHighlighter.For(found.Query);
        var highlights = ranked.ToDictionary(p => p.Id, mark, StringComparer.Ordinal);
        var next = PostOrder.NextSearchCursor(offset, limit, found.Total);
        return new PostPage(ranked, next, new SearchOutcome(found.Total, highlights, found.Tags, found.Sources, found.Exact));
    }
}
