namespace AiFeed.Publishing.Newsletter;

/// <summary>
/// One day's issue as composed: everything the renderers print, with absolute links, so the stored
/// JSON alone is enough to render it again (the web page does).
/// </summary>
public sealed record NewsletterIssue(
    DateOnly Date,
    int Version,
    DateTime ComposedAt,
    NewsletterWindow Window,
    string TimeZone,
    string Subject,
    string Preheader,
    string WebUrl,
    NewsletterLesson? Lesson,
    NewsletterProblem? Problem,
    NewsletterSpotlight Spotlight,
    IReadOnlyList<NewsletterPost> Posts)
{
    /// <summary>On a quiet day, the best posts of the week before the window (issues frozen before this field have none).</summary>
    public IReadOnlyList<NewsletterPost> WeekBest { get; init; } = [];

    /// <summary>The lists of posts every rendering shows, with their headings: the window's top posts, then (on a quiet day) the week's best.</summary>
    public IEnumerable<(string Heading, IReadOnlyList<NewsletterPost> Posts)> PostLists()
    {
        if (Posts.Count > 0)
        {
            yield return (NewsletterText.TopHeading(this), Posts);
        }

        if (WeekBest is { Count: > 0 } best)
        {
            yield return (NewsletterText.WeekBestHeading, best);
        }
    }
}

/// <summary>The posts an issue covers: from the previous issue's end (inclusive) to this one's (exclusive).</summary>
public sealed record NewsletterWindow(DateTime Start, DateTime End);

public sealed record NewsletterLesson(string Title, string Chapter, string Introduction, string Url);

public sealed record NewsletterProblem(string Title, string Difficulty, string Task, string Url);

/// <summary>How full the day was: <see cref="Normal"/>, <see cref="Quiet"/> (fewer posts than MinPosts) or <see cref="Empty"/> (no posts stored at all).</summary>
public static class SpotlightStatus
{
    public const string Normal = "normal";
    public const string Quiet = "quiet";
    public const string Empty = "empty";
}

/// <summary>The AI &amp; ML Blog Feed spotlight: what the feed is, who published most this week, how many posts arrived.</summary>
public sealed record NewsletterSpotlight(
    string Name,
    string Description,
    string FeedUrl,
    string SiteUrl,
    int SourceCount,
    int PostsInWindow,
    string Status,
    string? Note,
    IReadOnlyList<SourceTally> TopSources);

/// <summary>A source and how many posts it published in the week to the issue's end (its own and stories it also ran).</summary>
public sealed record SourceTally(string Id, string Name, int Posts, string? Site);

/// <summary>One story: its best copy's source, the others that ran it, its date and summary.</summary>
public sealed record NewsletterPost(string Title, string Url, string Source, DateTime Date, string Summary, IReadOnlyList<string> AlsoIn);
