using System.Net;
using AiFeed.Jobs;
using AiFeed.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Quartz;

namespace AiFeed.Tests.Publishing.Newsletter;

/// <summary>The newsletter's pages, its daily job and its settings, in the running host.</summary>
public sealed class NewsletterHostTests : NewsletterTests
{
    [Fact]
    public async Task Pages_AfterAnIssue_ArchiveListsItAndItsPageShowsIt()
    {
        // Arrange
        LabsItems.Add(Post("labs", 1, LaunchMorning.AddHours(-2)));
        await using var run = Start(LaunchMorning);
        await run.PollAsync();
        var emptyArchive = await run.Client.GetStringAsync("/newsletter", Ct);
        await run.ComposeAsync("2026-11-26");

        // Act
        using var archive = await run.Client.GetAsync("/newsletter", Ct);
        var archiveHtml = await archive.Content.ReadAsStringAsync(Ct);
        var page = await run.Client.GetStringAsync("/newsletter/2026-11-26", Ct);
        var home = await run.Client.GetStringAsync("/", Ct);

        // Assert
        Assert.Contains("No issues yet", emptyArchive, StringComparison.Ordinal);
        Assert.Contains("default-src 'none'", archive.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.Contains("href=\"/newsletter/2026-11-26\"", archiveHtml, StringComparison.Ordinal);
        Assert.Contains("Thursday, 26 November 2026", archiveHtml, StringComparison.Ordinal);
        Assert.Contains("Learn about Positional Encodings from our LLM study plan.", page, StringComparison.Ordinal);
        Assert.Contains("href=\"https://labs.example.org/posts/1\" rel=\"noopener noreferrer\">labs post 1</a>", page, StringComparison.Ordinal);
        Assert.Contains("href=\"/api/newsletter/2026-11-26?format=html\"", page, StringComparison.Ordinal);
        Assert.Contains("<li><a href=\"/newsletter\">Newsletter</a></li>", home, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2026-11-25", HttpStatusCode.NotFound)]
    [InlineData("26-11-2026", HttpStatusCode.BadRequest)]
    public async Task IssuePage_NoIssueOrBadDate_ProblemAndNothingComposed(string date, HttpStatusCode status)
    {
        // Arrange
        await using var run = Start(LaunchMorning);

        // Act
        using var response = await run.Client.GetAsync($"/newsletter/{date}", Ct);
        var archive = await run.Client.GetStringAsync("/api/newsletter", Ct);

        // Assert
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("{\"items\":[]}", archive);
    }

    [Fact]
    public async Task Job_Enabled_CronTriggerAtComposeTimeInTheZone()
    {
        // Arrange
        await using var run = Start(LaunchMorning, ("Newsletter:Enabled", "true"), ("Newsletter:ComposeAt", "06:30"), ("Newsletter:TimeZone", "Europe/Berlin"));
        var scheduler = await run.Services.GetRequiredService<ISchedulerFactory>().GetScheduler(Ct);

        // Act
        var trigger = Assert.IsType<ICronTrigger>(await scheduler.GetTrigger(new TriggerKey("compose-newsletter-trigger"), Ct), exactMatch: false);

        // Assert
        Assert.Equal("0 30 6 * * ?", trigger.CronExpressionString);
        Assert.Equal("Europe/Berlin", trigger.TimeZone.Id);
        Assert.Equal(ComposeNewsletterJob.Key, trigger.JobKey);
    }

    [Fact]
    public async Task Job_Run_ComposesTodaysIssueOnce()
    {
        // Arrange
        LabsItems.Add(Post("labs", 1, LaunchMorning.AddHours(-2)));
        await using var run = Start(LaunchMorning);
        await run.PollAsync();
        var job = ActivatorUtilities.CreateInstance<ComposeNewsletterJob>(run.Services);

        // Act
        await job.Execute(null!, Ct);
        var first = await run.BodyAsync("2026-11-26", "json");
        await job.Execute(null!, Ct);

        // Assert
        Assert.Contains("labs post 1", first, StringComparison.Ordinal);
        Assert.Equal(first, await run.BodyAsync("2026-11-26", "json"));
        Assert.Contains("\"version\":1", (await run.Client.GetStringAsync("/api/newsletter/2026-11-26/versions", Ct)).Replace(" ", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Newsletter:TimeZone", "Mars/Olympus_Mons")]
    [InlineData("Newsletter:SiteUrl", "ftp://example.com/")]
    [InlineData("Newsletter:SiteUrl", "/relative")]
    [InlineData("Newsletter:MaxPosts", "0")]
    [InlineData("Smtp:From", "not an address")]
    [InlineData("Smtp:Username", "only-a-user")]
    [InlineData("Smtp:Port", "0")]
    public async Task Options_Invalid_HostStartRefusesNamingTheSetting(string key, string value)
    {
        // Arrange
        var settings = new Dictionary<string, string?> { ["Smtp:Host"] = "127.0.0.1", ["Smtp:From"] = "daily@aifeed.test" };
        settings[key] = value;

        // Act
        var error = await AiFeedComposition.StartValidationErrorAsync(settings);

        // Assert
        var invalid = Assert.IsType<OptionsValidationException>(error);
        Assert.Contains(key.Split(':')[1], invalid.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Options_Valid_HostStartAccepts()
    {
        // Act: the same settings as above without a bad one, so the test above fails for the bad setting alone.
        var error = await AiFeedComposition.StartValidationErrorAsync(new Dictionary<string, string?> { ["Smtp:Host"] = "127.0.0.1", ["Smtp:From"] = "daily@aifeed.test" });

        // Assert
        Assert.Null(error);
    }
}
