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

    // Under the gate: what clustering reads of these stored posts, in the order of the ids, each
    // once: the copies kept of recent writes and reads (read-only, IStoryStore), the rest projected
    // from LiteDB (their HTML and lists clustering never reads stay unread) and kept.
    private List<Post> Light(IReadOnlyCollection<string> ids)
    {
        var found = new List<Post?>(ids.Count);
        var seen = new HashSet<string>(ids.Count, StringComparer.Ordinal);
        Dictionary<string, int>? missed = null;
        foreach (var id in ids)
        {
            if (!seen.Add(id))
            {
                continue;
            }

            var recent = evidence.Find(id);
            if (recent is null)
            {
                (missed ??= new(StringComparer.Ordinal))[id] = found.Count;
            }

            found.Add(recent);
        }

        if (missed is not null)
        {
            foreach (var doc in context.PostDocuments.Query().Where(byId.With(missed.Keys)).Select(IndexedProjection.Fields).ToEnumerable())
            {
                var post = IndexedProjection.ToPost(doc);
                found[missed[post.Id]] = post;
                evidence.Remember(post);
            }
        }

        return [.. found.OfType<Post>()];
    }
}
