using System.Globalization;
using AiFeed.Catalog;
using AiFeed.Learning;
using AiFeed.Model;
using AiFeed.Storage;
using Microsoft.Extensions.Options;

namespace AiFeed.Publishing.Newsletter;

/// <summary>
/// Builds the model of one issue for a given window: the day's lesson and problem from the study
/// plan, the window's top posts through <see cref="ITopStories"/> (one entry per story), the week's
/// most active sources and what kind of day it was.
/// </summary>
public sealed class NewsletterComposer(
    ITopStories topStories,
    IPostStore posts,
    ICatalogProvider catalog,
    StudyPlanService studyPlan,
    LearningContentProvider learningContent,
    IOptionsMonitor<NewsletterOptions> options)
{
    public const string FeedName = "AI & ML Blog Feed";

    // ITopStories ranks a window that ends now. An issue whose window ended earlier (composed after
    // its time, or a past date) asks for as many more as there are posts after its end: those can
    // take at most that many places, and the ranking orders the window's own posts the same either
    // way (recency is measured from one moment for all), so the window's best are among the answer.
    private const int MaxCandidates = 2000;

    /// <summary>How many of the week's best a quiet day's issue carries.</summary>
    private const int WeekBestCount = 5;

    public async Task<NewsletterIssue> ComposeAsync(DateOnly date, int version, NewsletterWindow window, DateTime now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(window);
        var current = options.CurrentValue;
        var site = current.ResolveSiteUrl();
        var sources = catalog.Current;
        var day = await studyPlan.GetDayAsync(date, cancellationToken);
        var planTitle = (await learningContent.GetAsync(cancellationToken)).Plan.Title;

        var later = await posts.CountAsync(new PostQuery { Since = window.End }, cancellationToken);
        var top = await topStories.TopAsync(now - window.Start, (int)Math.Min(later + current.MaxPosts, MaxCandidates), cancellationToken);
        var chosen = top
            .Where(p => p.SortAt >= window.Start && p.SortAt < window.End)
            .DistinctBy(p => p.Id, StringComparer.Ordinal)
            .Take(current.MaxPosts)
            .Select(p => ToPost(p, sources, site))
            .ToList();
        var inWindow = (int)await posts.CountAsync(new PostQuery { Since = window.Start, Until = window.End }, cancellationToken);
        var stored = await posts.CountAsync(new PostQuery(), cancellationToken);
        var status = stored == 0 ? SpotlightStatus.Empty : inWindow < current.MinPosts ? SpotlightStatus.Quiet : SpotlightStatus.Normal;

        var weekBest = status == SpotlightStatus.Quiet
            ? await WeekBestAsync(window, now, chosen, sources, site, current.MaxPosts, cancellationToken)
            : [];

        var spotlight = new NewsletterSpotlight(
            FeedName,
            Describe(sources, site),
            Absolute(site, "/feed.xml"),
            site.AbsoluteUri,
            sources.Sources.Count(s => s.Enabled),
            inWindow,
            status,
            Note(status, inWindow, current.MinPosts, weekBest.Count),
            await WeekLeadersAsync(sources, window.End, current.SpotlightSources, cancellationToken));

        var lesson = day is null ? null : new NewsletterLesson(day.Lesson.Title, day.Lesson.Chapter, day.Lesson.Introduction, Absolute(site, day.Lesson.Url));
        var problem = day is null ? null : new NewsletterProblem(day.Problem.Title, day.Problem.Difficulty.ToString(), day.Problem.Task, Absolute(site, day.Problem.Url));
        return new NewsletterIssue(
            date,
            version,
            now,
            window,
            current.TimeZone,
            Subject(date, planTitle, lesson, problem),
            Preheader(status, chosen.Count, weekBest.Count, problem),
            Absolute(site, "/newsletter/" + date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
            lesson,
            problem,
            spotlight,
            chosen)
        {
            WeekBest = weekBest,
        };
    }

    /// <summary>"Learn about X from our LLM study plan. Today's problem: Y (Easy). Plus: AI &amp; ML Blog Feed spotlight."</summary>
    public static string Subject(DateOnly date, string planTitle, NewsletterLesson? lesson, NewsletterProblem? problem) =>
        lesson is not null && problem is not null
            ? $"Learn about {lesson.Title} from our {planTitle} study plan. Today's problem: {problem.Title} ({problem.Difficulty}). Plus: {FeedName} spotlight."
            : $"{FeedName} spotlight for {date.ToString("d MMMM yyyy", CultureInfo.InvariantCulture)}.";

    private static string Preheader(string status, int posts, int weekBest, NewsletterProblem? problem)
    {
        var practice = problem is null ? "" : $", plus {Article(problem.Difficulty)} {problem.Difficulty} problem to try";
        return status switch
        {
            SpotlightStatus.Empty => $"No posts collected yet: today's lesson{(problem is null ? "" : " and problem")} are inside.",
            SpotlightStatus.Quiet when weekBest > 0 => $"A quiet day in the feed, so the week's best posts are inside{practice}.",
            SpotlightStatus.Quiet => $"A quiet day in the feed{practice}.",
            _ => $"The {Count(posts, "top story", "top stories")} since the last issue, one entry per story{practice}.",
        };
    }

    /// <summary>"an Easy", "a Medium", "a Hard".</summary>
    private static string Article(string word) => word.Length > 0 && "AEIOUaeiou".Contains(word[0], StringComparison.Ordinal) ? "an" : "a";

    private static string? Note(string status, int inWindow, int minPosts, int weekBest)
    {
        var fallback = weekBest > 0 ? " Below are the week's best posts as well." : "";
        return status switch
        {
            SpotlightStatus.Empty => "AiFeed has not collected any posts yet, so there are no top posts today. The lesson and the problem are here as every day.",
            SpotlightStatus.Quiet when inWindow == 0 => "A quiet day: no new posts arrived since the last issue." + fallback,
            SpotlightStatus.Quiet => $"A quiet day: only {Count(inWindow, "new post", "new posts")} arrived since the last issue (fewer than {minPosts.ToString(CultureInfo.InvariantCulture)}), so the spotlight is short." + fallback,
            _ => null,
        };
    }

    /// <summary>A quiet day's fallback: the top stories of the seven days before the window, none that the window's list has.</summary>
    private async Task<IReadOnlyList<NewsletterPost>> WeekBestAsync(
        NewsletterWindow window, DateTime now, List<NewsletterPost> chosen, FeedCatalog sources, Uri site, int maxPosts, CancellationToken cancellationToken)
    {
        var weekStart = window.End.AddDays(-7);
        var laterThanWeek = await posts.CountAsync(new PostQuery { Since = window.Start }, cancellationToken);
        var top = await topStories.TopAsync(now - weekStart, (int)Math.Min(laterThanWeek + maxPosts, MaxCandidates), cancellationToken);
        var shown = chosen.Select(p => p.Url).ToHashSet(StringComparer.Ordinal);
        return [.. top
            .Where(p => p.SortAt >= weekStart && p.SortAt < window.Start)
            .DistinctBy(p => p.Id, StringComparer.Ordinal)
            .Select(p => ToPost(p, sources, site))
            .Where(p => !shown.Contains(p.Url))
            .Take(Math.Min(WeekBestCount, maxPosts))];
    }

    private static string Describe(FeedCatalog sources, Uri site) =>
        $"The {FeedName} is AiFeed's consolidated feed: {Count(sources.Sources.Count(s => s.Enabled), "source", "sources")} (AI labs, research groups and writers) " +
        "read around the clock and merged into one stream, with a story that several sources ran shown once. " +
        $"Read it at {site.AbsoluteUri} or follow it in a feed reader at {Absolute(site, "/feed.xml")}.";

    private async Task<IReadOnlyList<SourceTally>> WeekLeadersAsync(FeedCatalog sources, DateTime end, int count, CancellationToken cancellationToken)
    {
        // One indexed count per source (the sources index covers own posts and alsoIn copies).
        var tallies = new List<SourceTally>();
        foreach (var source in sources.Sources)
        {
            var published = await posts.CountAsync(new PostQuery { Sources = [source.Id], Since = end.AddDays(-7), Until = end }, cancellationToken);
            if (published > 0)
            {
                tallies.Add(new SourceTally(source.Id, source.Name, (int)published, source.Site));
            }
        }

        return [.. tallies.OrderByDescending(t => t.Posts).ThenBy(t => t.Name, StringComparer.OrdinalIgnoreCase).Take(count)];
    }

    private static NewsletterPost ToPost(Post post, FeedCatalog sources, Uri site) => new(
        post.Title,
        post.Url ?? Absolute(site, "/post/" + post.Id),
        sources.Find(post.SourceId)?.Name ?? post.SourceId,
        DateTime.SpecifyKind(post.SortAt, DateTimeKind.Utc),
        post.Summary,
        [.. post.AlsoIn.Select(a => sources.Find(a.SourceId)?.Name ?? a.SourceId).Distinct(StringComparer.Ordinal)]);

    private static string Absolute(Uri site, string path) => new Uri(site, path.TrimStart('/')).AbsoluteUri;

    private static string Count(int n, string one, string many) => $"{n.ToString(CultureInfo.InvariantCulture)} {(n == 1 ? one : many)}";
}
