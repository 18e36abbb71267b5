using AiFeed.Model;

namespace AiFeed.Storage;

/// <summary>IStoryStore: lookups on the in-memory StoryIndex, story records in the "stories" collection.</summary>
public sealed partial class LiteDbPostStore
{
    private readonly CompiledLookup storiesById = new("_id IN @0");

    public async Task<IReadOnlyList<Post>> FindByKeysAsync(StoryLookup lookup, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lookup);
        await MemoryIndexesAsync(cancellationToken);
        using var gate = context.Gate.EnterScope();
        return StoryIndex.Candidates(lookup, MaxStoryCandidates);
    }

    public async Task<IReadOnlyList<Post>> GetEvidenceAsync(IReadOnlyCollection<string> postIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(postIds);
        await MemoryIndexesAsync(cancellationToken);
        using var gate = context.Gate.EnterScope();
        return StoryIndex.Evidence(postIds);
    }

    public async Task<IReadOnlyList<StoryRecord>> GetStoriesAsync(IReadOnlyCollection<string> storyIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(storyIds);
        if (storyIds.Count == 0)
        {
            return [];
        }

        await MemoryIndexesAsync(cancellationToken);
        using var gate = context.Gate.EnterScope();
        var stories = context.Stories.Find(storiesById.With(storyIds)).ToDictionary(s => s.Id, StringComparer.Ordinal);
        foreach (var id in storyIds)
        {
            if (!stories.ContainsKey(id) && StoryIndex.ImplicitStory(id) is { } story)
            {
                stories.Add(id, story);
            }
        }

        return [.. stories.Values];
    }
}
