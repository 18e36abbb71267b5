using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AiFeed.Storage;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace AiFeed.Tests.Publishing.Newsletter;

/// <summary>Sending issues over real SMTP: the message, its one-click unsubscribe, and once per subscriber per day.</summary>
public sealed class NewsletterDeliveryTests : NewsletterMailTests
{
    [Fact]
    public async Task SendNow_ConfirmedSubscribers_HtmlAndTextPartsWithOneClickUnsubscribeHeaders()
    {
        // Arrange
        LabsItems.Add(Post("labs", 1, LaunchMorning.AddHours(-2)));
        await using var run = StartWithMail(LaunchMorning);
        await run.PollAsync();
        await SubscribeAndConfirmAsync(run, "ada@example.org");
        using var _ = await SubscribeAsync(run, "pending@example.org");

        // Act
        var report = await SendNowAsync(run, "2026-11-26");

        // Assert
        Assert.Equal(1, report.GetProperty("sent").GetInt32());
        Assert.DoesNotContain(Smtp.To("pending@example.org"), m => m.Subject == LaunchSubject);
        var mail = Assert.Single(Smtp.To("ada@example.org"), m => m.Subject == LaunchSubject);
        Assert.Contains("labs post 1", mail.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("labs post 1", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("<!--[if mso]><table role=\"presentation\" width=\"600\"", mail.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("plus an Easy problem to try", mail.HtmlBody, StringComparison.Ordinal);
        var unsubscribe = Site + "newsletter/unsubscribe?token=" + Uri.EscapeDataString(TokenIn(mail, "unsubscribe"));
        Assert.Equal($"<{unsubscribe}>", mail.Headers["List-Unsubscribe"]);
        Assert.Equal("List-Unsubscribe=One-Click", mail.Headers["List-Unsubscribe-Post"]);
        Assert.Contains($"href=\"{unsubscribe}\"", mail.HtmlBody!.Replace("&amp;", "&", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.StartsWith("2026-11-26.v1.", mail.MessageId, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendNow_Twice_EachSubscriberGetsOneCopy()
    {
        // Arrange
        await using var run = StartWithMail(LaunchMorning);
        await SubscribeAndConfirmAsync(run, "ada@example.org");
        await SubscribeAndConfirmAsync(run, "bob@example.org");
        await SendNowAsync(run, "2026-11-26");

        // Act
        var second = await SendNowAsync(run, "2026-11-26");
        await RunDailyAsync(run);

        // Assert
        Assert.Equal(0, second.GetProperty("sent").GetInt32());
        Assert.Equal(2, second.GetProperty("alreadyHandled").GetInt32());
        Assert.Single(Issues("ada@example.org"));
        Assert.Single(Issues("bob@example.org"));
    }

    [Fact]
    public async Task DailyRun_AfterARestartOnTheSameData_NoSecondCopy()
    {
        // Arrange: one process sends the day's issue and stops.
        var data = ("Storage:DataDirectory", Folder.File("data"));
        await using (var first = StartWithMail(LaunchMorning, data))
        {
            await SubscribeAndConfirmAsync(first, "ada@example.org");
            await RunDailyAsync(first);
        }

        // Act: the next process starts the same day, and the schedule (or an operator) runs again.
        await using var second = StartWithMail(LaunchMorning.AddHours(1), data);
        await SubscribeAndConfirmAsync(second, "bob@example.org");
        await RunDailyAsync(second);
        var report = await SendNowAsync(second, "2026-11-26");

        // Assert
        Assert.Single(Issues("ada@example.org"));
        Assert.Single(Issues("bob@example.org"));
        Assert.Equal(0, report.GetProperty("sent").GetInt32());
    }

    [Fact]
    public async Task DailyRun_BeforeTheDueTime_ComposesAndSendsNothing()
    {
        // Arrange: 06:00, an hour before ComposeAt.
        await using var run = StartWithMail(LaunchMorning.AddHours(-2));
        await SubscribeAndConfirmAsync(run, "ada@example.org");

        // Act
        var report = await RunDailyAsync(run);

        // Assert
        Assert.Null(report);
        Assert.Empty(Issues("ada@example.org"));
        Assert.Equal("{\"items\":[]}", await run.Client.GetStringAsync("/api/newsletter", Ct));
    }

    [Fact]
    public async Task Send_RecipientRefused_FailedThenSentByTheNextRun()
    {
        // Arrange
        await using var run = StartWithMail(LaunchMorning);
        await SubscribeAndConfirmAsync(run, "ada@example.org");
        await SubscribeAndConfirmAsync(run, "bob@example.org");
        Smtp.Refuse("bob@example.org");
        var first = await SendNowAsync(run, "2026-11-26");

        // Act
        Smtp.Accept("bob@example.org");
        var second = await SendNowAsync(run, "2026-11-26");

        // Assert
        Assert.Equal((1, 1), (first.GetProperty("sent").GetInt32(), first.GetProperty("failed").GetInt32()));
        Assert.Equal((1, 1), (second.GetProperty("sent").GetInt32(), second.GetProperty("alreadyHandled").GetInt32()));
        Assert.Single(Issues("ada@example.org"));
        Assert.Single(Issues("bob@example.org"));
    }

    [Fact]
    public async Task Readiness_AfterARunWithARefusal_NewsletterDegradedAndServiceStillReady()
    {
        // Arrange
        await using var run = StartWithMail(LaunchMorning);
        await SubscribeAndConfirmAsync(run, "ada@example.org");
        await SubscribeAndConfirmAsync(run, "bob@example.org");
        Smtp.Refuse("bob@example.org");
        await SendNowAsync(run, "2026-11-26");

        // Act
        using var response = await run.Client.GetAsync("/readyz", Ct);
        var health = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var newsletter = health.GetProperty("checks").GetProperty("newsletter");
        Assert.Equal("Degraded", newsletter.GetProperty("status").GetString());
        Assert.Contains("2026-11-26", newsletter.GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.Contains("1 sent, 0 had it, 1 failed", newsletter.GetProperty("description").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Send_ClaimLeftByACrashMidSend_NeverSentAgain()
    {
        // Arrange: a process claimed Ada's copy and died before recording the outcome.
        await using var run = StartWithMail(LaunchMorning);
        await SubscribeAndConfirmAsync(run, "ada@example.org");
        var store = run.Services.GetRequiredService<ISubscriberStore>();
        var ada = Assert.Single(await store.ListAsync(Ct));
        Assert.True(await store.TryClaimDeliveryAsync("2026-11-26", ada.Id, LaunchMorning.UtcDateTime, 3, Ct));

        // Act
        var report = await SendNowAsync(run, "2026-11-26");

        // Assert
        Assert.Equal(1, report.GetProperty("alreadyHandled").GetInt32());
        Assert.Empty(Issues("ada@example.org"));
    }

    [Fact]
    public async Task SendNow_SmtpNotConfigured_503ProblemAndNoIssueComposed()
    {
        // Arrange
        await using var run = Start(LaunchMorning);

        // Act
        using var response = await AdminAsync(run, HttpMethod.Post, "/api/admin/newsletter/2026-11-26/send");

        // Assert
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("{\"items\":[]}", await run.Client.GetStringAsync("/api/newsletter", Ct));
    }

    [Theory]
    [InlineData("2026-13-01", HttpStatusCode.BadRequest)]
    [InlineData("2026-11-27", HttpStatusCode.NotFound)]
    public async Task SendNow_BadOrFutureDate_ProblemAndNothingSent(string date, HttpStatusCode status)
    {
        // Arrange
        await using var run = StartWithMail(LaunchMorning);
        await SubscribeAndConfirmAsync(run, "ada@example.org");

        // Act
        using var response = await AdminAsync(run, HttpMethod.Post, $"/api/admin/newsletter/{date}/send");

        // Assert
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Empty(Issues("ada@example.org"));
    }

    [Fact]
    public async Task OneClickUnsubscribe_MailClientPost_SubscriberDeletedAndNextIssueNotSent()
    {
        // Arrange
        await using var run = StartWithMail(LaunchMorning);
        await SubscribeAndConfirmAsync(run, "ada@example.org");
        await SubscribeAndConfirmAsync(run, "bob@example.org");
        await SendNowAsync(run, "2026-11-26");
        var target = new Uri(Issues("ada@example.org").Single().Headers["List-Unsubscribe"]!.Trim('<', '>'));

        // Act: RFC 8058 section 3.2: a POST to the header's URI, body "List-Unsubscribe=One-Click", no cookies.
        using var response = await PostFormAsync(run, target.PathAndQuery, ("List-Unsubscribe", "One-Click"));
        run.App.Clock.Advance(TimeSpan.FromDays(1));
        await RunDailyAsync(run);

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["bob@example.org confirmed"], await SubscriberStatesAsync(run));
        Assert.Single(Issues("ada@example.org"));
        Assert.Equal(2, Issues("bob@example.org").Count);
    }

    [Fact]
    public async Task UnsubscribeLink_Get_AsksWithAButtonAndDeletesNothing()
    {
        // Arrange
        await using var run = StartWithMail(LaunchMorning);
        await SubscribeAndConfirmAsync(run, "ada@example.org");
        await SendNowAsync(run, "2026-11-26");
        var token = TokenIn(Issues("ada@example.org").Single(), "unsubscribe");

        // Act
        var page = await run.Client.GetStringAsync("/newsletter/unsubscribe?token=" + Uri.EscapeDataString(token), Ct);
        var mailsBefore = Smtp.Messages.Count;

        // Assert
        Assert.Contains("<form method=\"post\" action=\"/newsletter/unsubscribe\"", page, StringComparison.Ordinal);
        Assert.Equal(["ada@example.org confirmed"], await SubscriberStatesAsync(run));
        Assert.Equal(mailsBefore, Smtp.Messages.Count);
    }

    [Fact]
    public async Task UnsubscribeButton_PostedTwiceThenTampered_UnsubscribedIdempotentlyAndTamperedRefused()
    {
        // Arrange
        await using var run = StartWithMail(LaunchMorning);
        await SubscribeAndConfirmAsync(run, "ada@example.org");
        await SubscribeAndConfirmAsync(run, "bob@example.org");
        await SendNowAsync(run, "2026-11-26");
        var token = TokenIn(Issues("ada@example.org").Single(), "unsubscribe");
        var confirmToken = TokenIn(Smtp.To("bob@example.org")[0], "confirm");

        // Act
        using var first = await PostFormAsync(run, "/newsletter/unsubscribe", ("token", token));
        using var again = await PostFormAsync(run, "/newsletter/unsubscribe", ("token", token));
        using var tampered = await PostFormAsync(run, "/newsletter/unsubscribe", ("token", confirmToken));

        // Assert: a confirmation link's token is no unsubscribe token.
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Contains("You are unsubscribed", await again.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, tampered.StatusCode);
        Assert.Equal(["bob@example.org confirmed"], await SubscriberStatesAsync(run));
    }

    [Fact]
    public async Task Pages_GetOnEveryNewsletterPage_NoMailAndNoIssueComposed()
    {
        // Arrange
        await using var run = StartWithMail(LaunchMorning);
        await SubscribeAndConfirmAsync(run, "ada@example.org");
        var mails = Smtp.Messages.Count;

        // Act
        foreach (var path in new[] { "/newsletter", "/newsletter/feed.xml", "/newsletter/confirm?token=x", "/newsletter/unsubscribe?token=x", "/newsletter/2026-11-26", "/api/newsletter/latest" })
        {
            using var _ = await run.Client.GetAsync(path, Ct);
        }

        // Assert
        Assert.Equal(mails, Smtp.Messages.Count);
        Assert.Equal("{\"items\":[]}", await run.Client.GetStringAsync("/api/newsletter", Ct));
    }

    private List<MimeMessage> Issues(string address) => [.. Smtp.To(address).Where(m => m.Headers.Contains("List-Unsubscribe"))];
}
