using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace AiFeed.Tests.Publishing.Newsletter;

/// <summary>Which date is today in the newsletter's zone, and days without enough posts.</summary>
public sealed class NewsletterDayTests : NewsletterTests
{
    [Fact]
    public async Task TimeZoneAhead_AfterLocalMidnight_TomorrowInUtcIsToday()
    {
        // Arrange: 12:00 UTC on 26 Nov is 01:00 on 27 Nov in Auckland (UTC+13 in summer).
        await using var run = Start(new DateTimeOffset(2026, 11, 26, 12, 0, 0, TimeSpan.Zero), ("Newsletter:TimeZone", "Pacific/Auckland"));

        // Act
        await run.ComposeAsync("2026-11-27");
        var today = await run.IssueAsync("2026-11-27");
        var latest = await run.IssueAsync("latest");
        using var future = await run.Client.GetAsync("/api/newsletter/2026-11-28", Ct);

        // Assert
        Assert.Equal("2026-11-27", latest.GetProperty("date").GetString());
        Assert.Equal("Pacific/Auckland", today.GetProperty("timeZone").GetString());
        // Composed before its 07:00 local compose time (18:00 UTC): the window ends now.
        Assert.Equal("2026-11-26T12:00:00Z", today.GetProperty("window").GetProperty("end").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, future.StatusCode);
    }

    [Fact]
    public async Task TimeZoneBehind_BeforeLocalMidnight_UtcDateIsStillFuture()
    {
        // Arrange: 07:30 UTC on 26 Nov is 23:30 on 25 Nov in Los Angeles.
        await using var run = Start(new DateTimeOffset(2026, 11, 26, 7, 30, 0, TimeSpan.Zero), ("Newsletter:TimeZone", "America/Los_Angeles"));

        // Act
        await run.ComposeAsync("2026-11-25");
        using var tooEarly = await run.Client.GetAsync("/api/newsletter/2026-11-26", Ct);
        var problem = await tooEarly.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var latest = await run.IssueAsync("latest");

        // Assert: the 26th has not begun there; the archive ends at today, the 25th.
        Assert.Equal(HttpStatusCode.BadRequest, tooEarly.StatusCode);
        Assert.Contains("to 2026-11-25 (today", problem.GetProperty("errors").GetProperty("date")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal("2026-11-25", latest.GetProperty("date").GetString());
        // 07:00 in Los Angeles on 25 Nov is 15:00 UTC: the day's issue ends there, not at "now".
        Assert.Equal("2026-11-25T15:00:00Z", latest.GetProperty("window").GetProperty("end").GetString());
    }

    [Fact]
    public async Task DayBoundary_OneSecondApart_DifferentIssues()
    {
        // Arrange
        await using var run = Start(new DateTimeOffset(2026, 11, 26, 23, 59, 59, TimeSpan.Zero));
        await run.ComposeAsync("2026-11-26");
        var before = await run.IssueAsync("latest");

        // Act
        run.App.Clock.Advance(TimeSpan.FromSeconds(1));
        await run.ComposeAsync("2026-11-27");
        var after = await run.IssueAsync("latest");

        // Assert
        Assert.Equal("2026-11-26", before.GetProperty("date").GetString());
        Assert.Equal("2026-11-27", after.GetProperty("date").GetString());
        // The 27th starts where the 26th (composed after its 07:00) ended; it is composed before its own 07:00.
        Assert.Equal("2026-11-26T07:00:00Z", after.GetProperty("window").GetProperty("start").GetString());
        Assert.Equal("2026-11-27T00:00:00Z", after.GetProperty("window").GetProperty("end").GetString());
    }

    [Fact]
    public async Task EmptyStore_Issue_SaysSoAndStillCarriesLessonAndProblem()
    {
        // Arrange
        await using var run = Start(LaunchMorning);

        // Act
        await run.ComposeAsync("2026-11-26");
        var issue = await run.IssueAsync("2026-11-26");
        var text = await run.BodyAsync("2026-11-26", "txt");

        // Assert
        var spotlight = issue.GetProperty("spotlight");
        Assert.Equal("empty", spotlight.GetProperty("status").GetString());
        Assert.Contains("has not collected any posts yet", spotlight.GetProperty("note").GetString(), StringComparison.Ordinal);
        Assert.Empty(issue.GetProperty("posts").EnumerateArray());
        Assert.Empty(spotlight.GetProperty("topSources").EnumerateArray());
        Assert.Equal("Positional Encodings", issue.GetProperty("lesson").GetProperty("title").GetString());
        Assert.Equal("Binary Cross-Entropy Loss", issue.GetProperty("problem").GetProperty("title").GetString());
        Assert.Contains("has not collected any posts yet", text, StringComparison.Ordinal);
        Assert.Contains("Try it: http://localhost:8080/problems/binary-cross-entropy", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ThinDay_FewerPostsThanMinimum_QuietNoteAndThePostsThereAre()
    {
        // Arrange: two posts in the window, many before it.
        LabsItems.AddRange([Post("labs", 1, LaunchMorning.AddHours(-3)), Post("labs", 2, LaunchMorning.AddHours(-4))]);
        PapersItems.AddRange(Enumerable.Range(1, 5).Select(i => Post("papers", i, LaunchMorning.AddDays(-3).AddHours(-i))));
        await using var run = Start(LaunchMorning, ("Newsletter:MinPosts", "3"));
        await run.PollAsync();

        // Act
        await run.ComposeAsync("2026-11-26");
        var issue = await run.IssueAsync("2026-11-26");
        var html = await run.BodyAsync("2026-11-26", "html");

        // Assert
        var spotlight = issue.GetProperty("spotlight");
        Assert.Equal("quiet", spotlight.GetProperty("status").GetString());
        Assert.Equal(2, spotlight.GetProperty("postsInWindow").GetInt32());
        Assert.Contains("only 2 new posts arrived since the last issue (fewer than 3)", spotlight.GetProperty("note").GetString(), StringComparison.Ordinal);
        Assert.Equal(["labs post 1", "labs post 2"], Titles(issue));
        Assert.Contains("A quiet day", html, StringComparison.Ordinal);
        Assert.Equal(LaunchSubject, issue.GetProperty("subject").GetString());
        // The week's most active sources count the older posts too.
        Assert.Equal(["Paper Digest", "Labs Weekly"], spotlight.GetProperty("topSources").EnumerateArray().Select(s => s.GetProperty("name").GetString()));
    }

    [Fact]
    public async Task QuietDay_FewPostsInTheWindow_WeeksBestFromTheSevenDaysBeforeInEveryFormat()
    {
        // Arrange: one post in the window, three earlier this week, one eight days old.
        LabsItems.Add(Post("labs", 1, LaunchMorning.AddHours(-3)));
        PapersItems.AddRange([
            Post("papers", 1, LaunchMorning.AddDays(-2)),
            Post("papers", 2, LaunchMorning.AddDays(-4)),
            Post("papers", 3, LaunchMorning.AddDays(-6)),
            Post("papers", 4, LaunchMorning.AddDays(-8)),
        ]);
        await using var run = Start(LaunchMorning, ("Newsletter:MinPosts", "3"));
        await run.PollAsync();

        // Act
        await run.ComposeAsync("2026-11-26");
        var issue = await run.IssueAsync("2026-11-26");
        var html = await run.BodyAsync("2026-11-26", "html");
        var text = await run.BodyAsync("2026-11-26", "txt");
        var md = await run.BodyAsync("2026-11-26", "md");
        var page = await run.Client.GetStringAsync("/newsletter/2026-11-26", Ct);

        // Assert
        Assert.Equal(["labs post 1"], Titles(issue));
        var best = issue.GetProperty("weekBest").EnumerateArray().Select(p => p.GetProperty("title").GetString()).Order(StringComparer.Ordinal);
        Assert.Equal(["papers post 1", "papers post 2", "papers post 3"], best);
        Assert.EndsWith("Below are the week's best posts as well.", issue.GetProperty("spotlight").GetProperty("note").GetString(), StringComparison.Ordinal);
        Assert.Equal("A quiet day in the feed, so the week's best posts are inside, plus an Easy problem to try.", issue.GetProperty("preheader").GetString());
        Assert.All(new[] { html, text, md, page }, body => Assert.Contains("The week's best", System.Net.WebUtility.HtmlDecode(body), StringComparison.Ordinal));
        Assert.All(new[] { html, text, md, page }, body => Assert.Contains("papers post 3", body, StringComparison.Ordinal));
        Assert.DoesNotContain("papers post 4", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NormalDay_Preheader_CountsStoriesAndNamesTheProblemWithItsArticle()
    {
        // Arrange
        LabsItems.AddRange(Enumerable.Range(1, 4).Select(i => Post("labs", i, LaunchMorning.AddHours(-2 - i))));
        await using var run = Start(LaunchMorning);
        await run.PollAsync();

        // Act
        await run.ComposeAsync("2026-11-26");
        var issue = await run.IssueAsync("2026-11-26");

        // Assert
        Assert.Equal("The 4 top stories since the last issue, one entry per story, plus an Easy problem to try.", issue.GetProperty("preheader").GetString());
        Assert.Empty(issue.GetProperty("weekBest").EnumerateArray());
    }

    [Fact]
    public async Task BusyDay_MorePostsThanMaximum_TopMaxPostsOnePerStory()
    {
        // Arrange: the same story from both sources counts once and lists the other source.
        LabsItems.AddRange(Enumerable.Range(1, 6).Select(i => Post("labs", i, LaunchMorning.AddHours(-1 - i))));
        PapersItems.Add(Post("papers", 1, LaunchMorning.AddHours(-2.5), link: "https://labs.example.org/posts/1"));
        await using var run = Start(LaunchMorning, ("Newsletter:MaxPosts", "4"));
        await run.PollAsync();

        // Act
        await run.ComposeAsync("2026-11-26");
        var issue = await run.IssueAsync("2026-11-26");

        // Assert
        var posts = issue.GetProperty("posts").EnumerateArray().ToList();
        Assert.Equal(4, posts.Count);
        Assert.Equal("normal", issue.GetProperty("spotlight").GetProperty("status").GetString());
        Assert.Equal(posts.Count, posts.Select(p => p.GetProperty("url").GetString()).Distinct(StringComparer.Ordinal).Count());
        var shared = Assert.Single(posts, p => p.GetProperty("url").GetString() == "https://labs.example.org/posts/1");
        // Whichever source was stored first owns the story; the other is listed beside it.
        var carriers = shared.GetProperty("alsoIn").EnumerateArray().Select(a => a.GetString()).Append(shared.GetProperty("source").GetString());
        Assert.Equal(["Labs Weekly", "Paper Digest"], carriers.Order(StringComparer.Ordinal));
        Assert.Null(issue.GetProperty("spotlight").GetProperty("note").GetString());
    }
}
