using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AiFeed.Tests.Infrastructure;

namespace AiFeed.Tests.Publishing.Newsletter;

/// <summary>GET /api/newsletter/{date}: the launch-day issue, its window, freezing, regeneration and bad input.</summary>
public sealed class NewsletterApiTests : NewsletterTests
{
    [Fact]
    public async Task LaunchDay_Json_SubjectLessonProblemAndAbsoluteLinks()
    {
        // Arrange
        LabsItems.Add(Post("labs", 1, LaunchMorning.AddHours(-3)));
        await using var run = Start(LaunchMorning, ("Newsletter:SiteUrl", "https://news.example.com/aifeed"));
        await run.PollAsync();

        // Act
        await run.ComposeAsync("2026-11-26");
        var issue = await run.IssueAsync("2026-11-26");

        // Assert
        Assert.Equal(LaunchSubject, issue.GetProperty("subject").GetString());
        Assert.Equal("2026-11-26", issue.GetProperty("date").GetString());
        Assert.False(string.IsNullOrWhiteSpace(issue.GetProperty("preheader").GetString()));
        var lesson = issue.GetProperty("lesson");
        Assert.Equal("Positional Encodings", lesson.GetProperty("title").GetString());
        Assert.Equal("https://news.example.com/aifeed/learn/positional-encodings", lesson.GetProperty("url").GetString());
        Assert.False(string.IsNullOrWhiteSpace(lesson.GetProperty("introduction").GetString()));
        var problem = issue.GetProperty("problem");
        Assert.Equal("Binary Cross-Entropy Loss", problem.GetProperty("title").GetString());
        Assert.Equal("Easy", problem.GetProperty("difficulty").GetString());
        Assert.Equal("https://news.example.com/aifeed/problems/binary-cross-entropy", problem.GetProperty("url").GetString());
        Assert.Contains("binary cross-entropy", problem.GetProperty("task").GetString(), StringComparison.Ordinal);
        var spotlight = issue.GetProperty("spotlight");
        Assert.Equal("AI & ML Blog Feed", spotlight.GetProperty("name").GetString());
        Assert.Equal("https://news.example.com/aifeed/feed.xml", spotlight.GetProperty("feedUrl").GetString());
        Assert.Equal("https://news.example.com/aifeed/newsletter/2026-11-26", issue.GetProperty("webUrl").GetString());
        var post = Assert.Single(issue.GetProperty("posts").EnumerateArray());
        Assert.Equal("Labs Weekly", post.GetProperty("source").GetString());
        Assert.Equal("https://labs.example.org/posts/1", post.GetProperty("url").GetString());
        Assert.Equal("2026-11-26T05:00:00Z", post.GetProperty("date").GetString());
        Assert.Equal("Summary of labs post 1.", post.GetProperty("summary").GetString());
    }

    [Fact]
    public async Task FirstIssue_Window_TwentyFourHoursEndingAtComposeTime()
    {
        // Arrange: ComposeAt 07:00 UTC; requested at 08:00, so the window is 25 Nov 07:00 to 26 Nov 07:00.
        LabsItems.AddRange([
            Post("labs", 1, new DateTimeOffset(2026, 11, 26, 7, 30, 0, TimeSpan.Zero)),
            Post("labs", 2, new DateTimeOffset(2026, 11, 26, 6, 59, 0, TimeSpan.Zero)),
            Post("labs", 3, new DateTimeOffset(2026, 11, 25, 7, 0, 0, TimeSpan.Zero)),
            Post("labs", 4, new DateTimeOffset(2026, 11, 25, 6, 59, 0, TimeSpan.Zero)),
        ]);
        await using var run = Start(LaunchMorning);
        await run.PollAsync();

        // Act
        await run.ComposeAsync("2026-11-26");
        var issue = await run.IssueAsync("2026-11-26");

        // Assert
        Assert.Equal("2026-11-25T07:00:00Z", issue.GetProperty("window").GetProperty("start").GetString());
        Assert.Equal("2026-11-26T07:00:00Z", issue.GetProperty("window").GetProperty("end").GetString());
        Assert.Equal(["labs post 2", "labs post 3"], Titles(issue).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task SecondIssue_Window_StartsWhereThePreviousEnded()
    {
        // Arrange: the first issue is asked for early (06:00), so it ends at 06:00, not at 07:00.
        LabsItems.Add(Post("labs", 1, LaunchMorning.AddHours(-3)));
        await using var run = Start(LaunchMorning.AddHours(-2));
        await run.PollAsync();
        await run.ComposeAsync("2026-11-26");
        var first = await run.IssueAsync("2026-11-26");
        LabsItems.AddRange([Post("labs", 2, LaunchMorning.AddHours(-1.5)), Post("labs", 3, LaunchMorning.AddHours(20))]);
        run.App.Clock.Advance(TimeSpan.FromHours(26));
        await run.PollAsync();

        // Act
        await run.ComposeAsync("2026-11-27");
        var second = await run.IssueAsync("2026-11-27");

        // Assert
        Assert.Equal("2026-11-26T06:00:00Z", first.GetProperty("window").GetProperty("end").GetString());
        Assert.Equal(["labs post 1"], Titles(first));
        Assert.Equal("2026-11-26T06:00:00Z", second.GetProperty("window").GetProperty("start").GetString());
        Assert.Equal("2026-11-27T07:00:00Z", second.GetProperty("window").GetProperty("end").GetString());
        Assert.Equal(["labs post 3", "labs post 2"], Titles(second));
        // Day two serves the lesson and the problem after the launch ones, in plan order.
        var plan = AiFeed.Tests.Learning.ContentFolder.Shipped().Plan;
        var lessons = plan.Lessons.ToList();
        var lesson = lessons[lessons.FindIndex(l => l.Slug == "positional-encodings") + 1];
        var problem = plan.Problems[plan.Problems.ToList().FindIndex(p => p.Slug == "binary-cross-entropy") + 1];
        Assert.Equal($"Learn about {lesson.Title} from our LLM study plan. Today's problem: {problem.Title} ({problem.Difficulty}). Plus: AI & ML Blog Feed spotlight.", second.GetProperty("subject").GetString());
    }

    [Fact]
    public async Task LateComposition_ManyFresherPostsAfterTheWindow_WindowsOwnTopPosts()
    {
        // Arrange: composed at 23:00, long after 07:00; 300 posts after the window outrank its own three.
        LabsItems.AddRange(Enumerable.Range(1, 300).Select(i => Post("labs", i, new DateTimeOffset(2026, 11, 26, 22, 59, 0, TimeSpan.Zero).AddMinutes(-i * 3))));
        PapersItems.AddRange(Enumerable.Range(1, 3).Select(i => Post("papers", i, new DateTimeOffset(2026, 11, 26, 6, 0, 0, TimeSpan.Zero).AddHours(-i))));
        await using var run = Start(new DateTimeOffset(2026, 11, 26, 23, 0, 0, TimeSpan.Zero));
        await run.PollAsync();

        // Act
        await run.ComposeAsync("2026-11-26");
        var issue = await run.IssueAsync("2026-11-26");

        // Assert
        Assert.Equal(["papers post 1", "papers post 2", "papers post 3"], Titles(issue));
        Assert.Equal(3, issue.GetProperty("spotlight").GetProperty("postsInWindow").GetInt32());
    }

    [Fact]
    public async Task Issue_RequestedAgainAfterNewPosts_SameBytesInEveryFormat()
    {
        // Arrange
        LabsItems.AddRange([Post("labs", 1, LaunchMorning.AddHours(-5)), Post("labs", 2, LaunchMorning.AddHours(-4))]);
        PapersItems.Add(Post("papers", 1, LaunchMorning.AddHours(-6)));
        await using var run = Start(LaunchMorning);
        await run.PollAsync();
        await run.ComposeAsync("2026-11-26");
        string[] formats = ["json", "html", "md", "txt"];
        var before = new List<string>();
        foreach (var format in formats)
        {
            before.Add(await run.BodyAsync("2026-11-26", format));
        }

        // Act: posts arrive inside the issue's window, and time passes.
        LabsItems.Add(Post("labs", 9, LaunchMorning.AddHours(-2)));
        PapersItems[0] = PapersItems[0] with { Title = "papers post 1, corrected" };
        run.App.Clock.Advance(TimeSpan.FromHours(3));
        await run.PollAsync();
        var after = new List<string>();
        foreach (var format in formats)
        {
            after.Add(await run.BodyAsync("2026-11-26", format));
        }

        // Assert
        Assert.Equal(before, after);
        Assert.DoesNotContain("labs post 9", after[0], StringComparison.Ordinal);
        var latest = await run.Client.GetStringAsync("/api/newsletter/latest", Ct);
        Assert.Equal(before[0], latest);
        var stored = await run.Client.GetFromJsonAsync<JsonElement>("/api/posts/count", Ct);
        Assert.Equal(4, stored.GetProperty("count").GetInt32());
    }

    [Fact]
    public async Task Regenerate_WithoutKey_401AndIssueUnchanged()
    {
        // Arrange
        LabsItems.Add(Post("labs", 1, LaunchMorning.AddHours(-5)));
        await using var run = Start(LaunchMorning);
        await run.PollAsync();
        await run.ComposeAsync("2026-11-26");
        var original = await run.BodyAsync("2026-11-26", "json");

        // Act
        using var missing = await run.Client.PostAsync("/api/admin/newsletter/2026-11-26", null, Ct);
        using var wrong = new HttpRequestMessage(HttpMethod.Post, "/api/admin/newsletter/2026-11-26");
        wrong.Headers.Add("X-Api-Key", "not-the-key");
        using var wrongResponse = await run.Client.SendAsync(wrong, Ct);

        // Assert
        Assert.Equal(HttpStatusCode.Unauthorized, missing.StatusCode);
        Assert.Equal("application/problem+json", missing.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.Unauthorized, wrongResponse.StatusCode);
        Assert.Equal(original, await run.BodyAsync("2026-11-26", "json"));
    }

    [Fact]
    public async Task Regenerate_WithKey_NewVersionCurrentAndEarlierVersionKeptByteForByte()
    {
        // Arrange
        LabsItems.Add(Post("labs", 1, LaunchMorning.AddHours(-5)));
        await using var run = Start(LaunchMorning);
        await run.PollAsync();
        await run.ComposeAsync("2026-11-26");
        var original = await run.BodyAsync("2026-11-26", "html");
        LabsItems.Add(Post("labs", 2, LaunchMorning.AddHours(-4)));
        run.App.Clock.Advance(TimeSpan.FromMinutes(30));
        await run.PollAsync();

        // Act
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/admin/newsletter/2026-11-26");
        request.Headers.Add("X-Api-Key", AiFeedApp.ApiKey);
        using var response = await run.Client.SendAsync(request, Ct);
        var versions = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, versions.GetProperty("current").GetInt32());
        Assert.Equal([1, 2], versions.GetProperty("versions").EnumerateArray().Select(v => v.GetProperty("version").GetInt32()));
        Assert.Equal(original, await run.BodyAsync("2026-11-26", "html&version=1"));
        var current = await run.IssueAsync("2026-11-26");
        Assert.Equal(2, current.GetProperty("version").GetInt32());
        Assert.Equal(["labs post 2", "labs post 1"], Titles(current));
        using var missing = await run.Client.GetAsync("/api/newsletter/2026-11-26?version=3", Ct);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Theory]
    [InlineData("2026-11-27", null, "date")]
    [InlineData("2026-11-19", null, "date")]
    [InlineData("0001-01-01", null, "date")]
    [InlineData("1969-12-31", null, "date")]
    [InlineData("9999-12-31", null, "date")]
    [InlineData("2026-13-01", null, "date")]
    [InlineData("yesterday", null, "date")]
    [InlineData("2026-11-26", "pdf", "format")]
    [InlineData("2026-11-26", "HTML", "format")]
    public async Task Get_BadOrOutOfArchiveDateOrBadFormat_400NamingTheParameter(string date, string? format, string parameter)
    {
        // Arrange: the archive runs from 2026-11-20 (its first issue) to today, 2026-11-26.
        await using var run = Start(LaunchMorning);
        await run.ComposeAsync("2026-11-20");

        // Act
        using var response = await run.Client.GetAsync($"/api/newsletter/{date}" + (format is null ? "" : "?format=" + format), Ct);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);

        // Assert
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.True(problem.GetProperty("errors").TryGetProperty(parameter, out _), problem.ToString());
    }

    [Fact]
    public async Task Get_PastDatesAndLatestWithoutIssue_NeverComposeOrStore()
    {
        // Arrange: one issue, a week ago; a crawler walks every date since, and then some.
        LabsItems.Add(Post("labs", 1, LaunchMorning.AddHours(-3)));
        await using var run = Start(LaunchMorning);
        await run.PollAsync();
        await run.ComposeAsync("2026-11-20");
        var statuses = new Dictionary<string, HttpStatusCode>(StringComparer.Ordinal);

        // Act
        foreach (var date in new[] { "2026-11-19", "2026-11-20", "2026-11-21", "2026-11-25", "2026-11-26", "latest", "0001-01-01", "1969-12-31" })
        {
            using var response = await run.Client.GetAsync($"/api/newsletter/{date}?format=html", Ct);
            statuses[date] = response.StatusCode;
        }

        using var page = await run.Client.GetAsync("/newsletter", Ct);
        var archive = await run.Client.GetFromJsonAsync<JsonElement>("/api/newsletter", Ct);

        // Assert: only the issue that exists is served; nothing was composed or stored.
        Assert.Equal(HttpStatusCode.OK, statuses["2026-11-20"]);
        Assert.Equal(HttpStatusCode.OK, statuses["latest"]);
        Assert.Equal(HttpStatusCode.NotFound, statuses["2026-11-21"]);
        Assert.Equal(HttpStatusCode.NotFound, statuses["2026-11-25"]);
        Assert.Equal(HttpStatusCode.NotFound, statuses["2026-11-26"]);
        Assert.Equal(HttpStatusCode.BadRequest, statuses["2026-11-19"]);
        Assert.Equal(HttpStatusCode.BadRequest, statuses["0001-01-01"]);
        Assert.Equal(HttpStatusCode.BadRequest, statuses["1969-12-31"]);
        Assert.Equal(["2026-11-20"], archive.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("date").GetString()));
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
    }

    [Fact]
    public async Task Get_LatestOrTodayWithEmptyArchive_404AndNothingStored()
    {
        // Arrange
        await using var run = Start(LaunchMorning);

        // Act
        using var latest = await run.Client.GetAsync("/api/newsletter/latest", Ct);
        using var today = await run.Client.GetAsync("/api/newsletter/2026-11-26", Ct);
        var problem = await today.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var archive = await run.Client.GetStringAsync("/api/newsletter", Ct);

        // Assert
        Assert.Equal(HttpStatusCode.NotFound, latest.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, today.StatusCode);
        Assert.Contains("never by reading", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal("{\"items\":[]}", archive);
    }

    [Fact]
    public async Task Compose_ThroughAdminApiForAPastDate_StoredAndReadable()
    {
        // Arrange
        await using var run = Start(LaunchMorning);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/admin/newsletter/2026-11-24");
        request.Headers.Add("X-Api-Key", AiFeedApp.ApiKey);
        using var ancient = new HttpRequestMessage(HttpMethod.Post, "/api/admin/newsletter/0001-01-01");
        ancient.Headers.Add("X-Api-Key", AiFeedApp.ApiKey);

        // Act
        using var composed = await run.Client.SendAsync(request, Ct);
        using var refused = await run.Client.SendAsync(ancient, Ct);
        var issue = await run.IssueAsync("2026-11-24");

        // Assert
        Assert.Equal(HttpStatusCode.OK, composed.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal("2026-11-24", issue.GetProperty("date").GetString());
    }

    [Theory]
    [InlineData("html", "text/html")]
    [InlineData("md", "text/markdown")]
    [InlineData("txt", "text/plain")]
    [InlineData("json", "application/json")]
    public async Task Get_EachFormat_ItsContentTypeWithTheSubject(string format, string mediaType)
    {
        // Arrange
        await using var run = Start(LaunchMorning);
        await run.ComposeAsync("2026-11-26");

        // Act
        using var response = await run.Client.GetAsync($"/api/newsletter/2026-11-26?format={format}", Ct);
        // The text part wraps at 72 columns: compare with line breaks as spaces.
        var body = (await response.Content.ReadAsStringAsync(Ct)).Replace('\n', ' ');

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(mediaType, response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType?.CharSet);
        Assert.Contains(format == "html" ? "Today&#x27;s problem: Binary Cross-Entropy Loss (Easy)" : "Today's problem: Binary Cross-Entropy Loss (Easy)", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Archive_AfterTwoIssues_NewestFirstWithoutBodies()
    {
        // Arrange
        await using var run = Start(LaunchMorning);
        await run.ComposeAsync("2026-11-25");
        await run.ComposeAsync("2026-11-26");

        // Act
        var archive = await run.Client.GetFromJsonAsync<JsonElement>("/api/newsletter", Ct);

        // Assert
        var items = archive.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(["2026-11-26", "2026-11-25"], items.Select(i => i.GetProperty("date").GetString()));
        Assert.Equal(LaunchSubject, items[0].GetProperty("subject").GetString());
        Assert.Equal("/newsletter/2026-11-26", items[0].GetProperty("webUrl").GetString());
        Assert.False(items[0].TryGetProperty("html", out _));
    }
}
