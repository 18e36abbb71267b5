using AiFeed.Model;

namespace AiFeed.Ingestion.Processing.Clustering;

/// <summary>One story as decided: its id, anchor and members (canonical order); whether the id was a stored story's.</summary>
public sealed record PlannedStory(string Id, Post Anchor, IReadOnlyList<Post> Members, bool KeptId);

/// <summary>
/// What <see cref="StoryResolver"/> decided: every story of the part, the ids of stored stories no
/// story keeps, the stored records of the stories met, each stored post's story before, and the
/// stored posts whose summary turned out to be boilerplate.
/// </summary>
public sealed record StoryPlan(
    IReadOnlyList<PlannedStory> Stories,
    IReadOnlyList<string> Removed,
    IReadOnlyDictionary<string, StoryRecord> Previous,
    IReadOnlyDictionary<string, string> OldStoryOf,
    IReadOnlySet<string> Flipped);
