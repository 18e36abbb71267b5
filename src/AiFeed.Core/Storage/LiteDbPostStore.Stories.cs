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

    // Under the gate: what clustering reads of these stored posts, in the order of the ids: the
    // recent writes' copies, the rest projected from LiteDB (their HTML and lists clustering never
    // reads stay unread).
    private List<Post> Light(IReadOnlyCollection<string> ids)
    {
        if (ids.Count == 0)
        {
            return [];
        }

        var found = new Dictionary<string, Post>(ids.Count, StringComparer.Ordinal);
        List<string>? missed = null;
        foreach (var id in ids)
        {
            if (found.ContainsKey(id))
            {
                continue;
            }

            if (evidence.Find(id) is { } recent)
            {
                found[id] = recent;
            }
            else
            {
                (missed ??= []).Add(id);
            }
        }

        if (missed is not null)
        {
            foreach (var doc in context.Posts.Query().Where(byId.With(missed)).Select(IndexedProjection.Fields).ToEnumerable())
            {
                var post = IndexedProjection.ToPost(doc);
                found[post.Id] = post;
            }
        }

        return [.. ids.Distinct(StringComparer.Ordinal).Where(found.ContainsKey).Select(id => found[id])];
    }
}
