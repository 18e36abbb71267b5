using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace AiFeed.Tests.Publishing.Newsletter;

/// <summary>Double opt-in over real SMTP: sign-up, the confirmation mail and link, bad input, limits and erasure.</summary>
public sealed class NewsletterSubscriptionTests : NewsletterMailTests
{
    [Fact]
    public async Task Subscribe_NewAddress_ConfirmationMailWithSignedLinkAndPendingUntilConfirmed()
    {
        // Arrange
        await using var run = StartWithMail(LaunchMorning);

        // Act
        using var response = await SubscribeAsync(run, "ada@example.org");
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var pending = await SubscriberStatesAsync(run);

        // Assert
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal("pending", body.GetProperty("status").GetString());
        var mail = Assert.Single(Smtp.Messages);
        Assert.Equal("ada@example.org", mail.To.Mailboxes.Single().Address);
        Assert.Equal("daily@aifeed.test", mail.From.Mailboxes.Single().Address);
        Assert.Equal("Confirm your subscription to AiFeed Daily", mail.Subject);
        Assert.Contains(Site + "newsletter/confirm?token=", mail.HtmlBody, StringComparison.Ordinal);
        Assert.NotEmpty(TokenIn(mail, "confirm"));
        Assert.Equal(["ada@example.org pending"], pending);
    }

    [Fact]
    public async Task ConfirmLink_Get_AsksWithAButtonAndConfirmsNothing()
    {
        // Arrange
        await using var run = StartWithMail(LaunchMorning);
        using var _ = await SubscribeAsync(run, "ada@example.org");
        var token = TokenIn(Smtp.Messages.Single(), "confirm");

        // Act: what a mail scanner following the link does.
        var page = await run.Client.GetStringAsync("/newsletter/confirm?token=" + Uri.EscapeDataString(token), Ct);

        // Assert
        Assert.Contains("<form method=\"post\" action=\"/newsletter/confirm\"", page, StringComparison.Ordinal);
        Assert.Contains("ada@example.org", page, StringComparison.Ordinal);
        Assert.Equal(["ada@example.org pending"], await SubscriberStatesAsync(run));
    }

    [Fact]
    public async Task ConfirmButton_Posted_SubscriberConfirmed()
    {
        // Arrange
        await using var run = StartWithMail(LaunchMorning);

        // Act
        await SubscribeAndConfirmAsync(run, "ada@example.org");

        // Assert
        Assert.Equal(["ada@example.org confirmed"], await SubscriberStatesAsync(run));
    }

    [Theory]
    [InlineData("tampered")]
    [InlineData("expired")]
    [InlineData("truncated")]
    public async Task Confirm_TokenNotAGenuineCurrentConfirmation_400PageAndStillPending(string kind)
    {
        // Arrange
        await using var run = StartWithMail(LaunchMorning);
        using var _ = await SubscribeAsync(run, "ada@example.org");
        var token = TokenIn(Smtp.Messages.Single(), "confirm");
        var parts = token.Split('.');
        token = kind switch
        {
            "tampered" => $"{parts[0]}.{long.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture) + 1}.{parts[2]}",
            "truncated" => string.Join('.', parts[..2]),
            _ => token,
        };
        if (kind == "expired")
        {
            run.App.Clock.Advance(TimeSpan.FromDays(8));
        }

        // Act
        using var response = await PostFormAsync(run, "/newsletter/confirm", ("token", token));
        var html = await response.Content.ReadAsStringAsync(Ct);

        // Assert
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("This link does not work", html, StringComparison.Ordinal);
        Assert.Equal(["ada@example.org pending"], await SubscriberStatesAsync(run));
    }

    [Theory]
    [InlineData("not-an-address")]
    [InlineData("Ada <ada@example.org>")]
    [InlineData("ada@localhost")]
    [InlineData("")]
    public async Task Subscribe_NotAnAddress_ValidationProblemAndNothingStoredOrSent(string email)
    {
        // Arrange
        await using var run = StartWithMail(LaunchMorning);

        // Act
        using var response = await SubscribeAsync(run, email);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);

        // Assert
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("is not an e-mail address", problem.GetProperty("errors").GetProperty("email")[0].GetString(), StringComparison.Ordinal);
        Assert.Empty(Smtp.Messages);
        Assert.Empty(await SubscriberStatesAsync(run));
    }

    [Fact]
    public async Task Subscribe_SmtpNotConfigured_503ProblemAndNothingStored()
    {
        // Arrange
        await using var run = Start(LaunchMorning);

        // Act
        using var response = await SubscribeAsync(run, "ada@example.org");
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var archive = await run.Client.GetStringAsync("/newsletter", Ct);

        // Assert
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Contains("Smtp:Host", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Empty(await SubscriberStatesAsync(run));
        Assert.DoesNotContain("action=\"/newsletter/subscribe\"", archive, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Subscribe_RepeatedOrAlreadyConfirmed_SameAnswerAndNoMoreMail()
    {
        // Arrange
        await using var run = StartWithMail(LaunchMorning);
        await SubscribeAndConfirmAsync(run, "ada@example.org");
        using var first = await SubscribeAsync(run, "bob@example.org");

        // Act: Bob asks again at once, Ada (confirmed) asks again, in another case.
        using var again = await SubscribeAsync(run, "bob@example.org");
        using var confirmed = await SubscribeAsync(run, "ADA@example.org");
        run.App.Clock.Advance(TimeSpan.FromMinutes(11));
        using var later = await SubscribeAsync(run, "bob@example.org");

        // Assert
        Assert.All(new[] { first, again, confirmed, later }, r => Assert.Equal(HttpStatusCode.Accepted, r.StatusCode));
        Assert.Single(Smtp.To("ada@example.org"));
        Assert.Equal(2, Smtp.To("bob@example.org").Count);
        Assert.Equal(["ada@example.org confirmed", "bob@example.org pending"], await SubscriberStatesAsync(run));
    }

    [Fact]
    public async Task Subscribe_OverThePerClientLimit_429ProblemWithRetryAfter()
    {
        // Arrange
        await using var run = StartWithMail(LaunchMorning, ("Newsletter:SubscribeLimit:PermitLimit", "2"));
        using var one = await SubscribeAsync(run, "a@example.org");
        using var two = await SubscribeAsync(run, "b@example.org");

        // Act
        using var three = await SubscribeAsync(run, "c@example.org");
        var problem = await three.Content.ReadFromJsonAsync<JsonElement>(Ct);

        // Assert
        Assert.Equal(HttpStatusCode.TooManyRequests, three.StatusCode);
        Assert.Equal(429, problem.GetProperty("status").GetInt32());
        Assert.True(three.Headers.RetryAfter is not null);
        Assert.Equal(2, Smtp.Messages.Count);
    }

    [Fact]
    public async Task SubscribeForm_Posted_CheckYourInboxPageAndMail()
    {
        // Arrange
        await using var run = StartWithMail(LaunchMorning);
        var archive = await run.Client.GetStringAsync("/newsletter", Ct);

        // Act
        using var response = await PostFormAsync(run, "/newsletter/subscribe", ("email", "ada@example.org"));
        var page = await response.Content.ReadAsStringAsync(Ct);
        using var bad = await PostFormAsync(run, "/newsletter/subscribe", ("email", "nope"));

        // Assert
        Assert.Contains("<form method=\"post\" action=\"/newsletter/subscribe\"", archive, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Check your inbox", page, StringComparison.Ordinal);
        Assert.Single(Smtp.To("ada@example.org"));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("is not an e-mail address", await bad.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AdminDelete_StoredAddress_ErasedThen404Problem()
    {
        // Arrange
        await using var run = StartWithMail(LaunchMorning);
        await SubscribeAndConfirmAsync(run, "ada@example.org");

        // Act
        using var deleted = await AdminAsync(run, HttpMethod.Delete, "/api/admin/newsletter/subscribers/Ada@Example.org");
        using var again = await AdminAsync(run, HttpMethod.Delete, "/api/admin/newsletter/subscribers/ada@example.org");

        // Assert
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        Assert.Equal("application/problem+json", again.Content.Headers.ContentType?.MediaType);
        Assert.Empty(await SubscriberStatesAsync(run));
    }

    [Fact]
    public async Task DailyRun_ConfirmationExpired_UnconfirmedAddressDeleted()
    {
        // Arrange
        await using var run = StartWithMail(LaunchMorning);
        using var _ = await SubscribeAsync(run, "ada@example.org");
        await SubscribeAndConfirmAsync(run, "bob@example.org");
        run.App.Clock.Advance(TimeSpan.FromDays(8));

        // Act
        await RunDailyAsync(run);

        // Assert
        Assert.Equal(["bob@example.org confirmed"], await SubscriberStatesAsync(run));
    }
}
