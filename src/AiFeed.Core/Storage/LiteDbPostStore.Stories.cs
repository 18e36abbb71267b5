using AiFeed.Model;
using LiteDB;

namespace AiFeed.Storage;

/// <summary>
/// IStoryStore: candidates looked up on the Lucene index's key fields, the light copies clustering
/// reads projected from LiteDB by id, story records in the "stories" collection. Nothing is held in
/// memory per stored post.
/// </summary>
public sealed partial class LiteDbPostStore
{
    private readonly CompiledLookup storiesById = new("_id IN @0");

    public async Task<IReadOnlyList<Post>> FindByKeysAsync(StoryLookup lookup, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lookup);
        await IndexReadyAsync(cancellationToken);
        var ids = Index.IdsByKeys(lookup.StoryKeys, lookup.TitleKeys, lookup.TextBands, MaxStoryCandidates);
        using var gate = context.Gate.EnterScope();
        return Light(ids);
    }

    public async Task<IReadOnlyList<Post>> GetEvidenceAsync(IReadOnlyCollection<string> postIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(postIds);
        await IndexReadyAsync(cancellationToken);
        using var gate = context.Gate.EnterScope();
        return Light(postIds);
    }

    public async Task<IReadOnlyList<StoryRecord>> GetStoriesAsync(IReadOnlyCollection<string> storyIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(storyIds);
        if (storyIds.Count == 0)
        {
            return [];
        }

        await IndexReadyAsync(cancellationToken);
        using var gate = context.Gate.EnterScope();
        var stories = context.Stories.Find(storiesById.With(storyIds)).ToDictionary(s => s.Id, StringComparer.Ordinal);
        var implicitIds = storyIds.Where(id => !stories.ContainsKey(id)).ToList();
        foreach (var post in Light(implicitIds).Where(p => string.Equals(p.ClusterId, p.Id, StringComparison.Ordinal)))
        {
            stories.Add(post.Id, StoryRecord.Implicit(post));
        }

        return [.. stories.Values];
    }

    // Under the gate: what clustering reads of these stored posts, projected (their HTML and
    // lists clustering never reads stay unread), in the order of the ids.
    private List<Post> Light(IReadOnlyCollection<string> ids)
    {
        if (ids.Count == 0)
        {
            return [];
        }

        var found = context.Posts.Query().Where(byId.With(ids)).Select(IndexedProjection.Fields).ToEnumerable()
            .Select(IndexedProjection.ToPost)
            .ToDictionary(p => p.Id, StringComparer.Ordinal);
        return [.. ids.Distinct(StringComparer.Ordinal).Where(found.ContainsKey).Select(id => found[id])];
    }
}
