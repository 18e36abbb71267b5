using AiFeed.Model;
using AiFeed.Tests.Infrastructure;

namespace AiFeed.Tests.Storage;

/// <summary>Newsletter issues, subscribers, delivery claims and metadata, the same on each provider.</summary>
public abstract class NewsletterStoreContractTests : StoreContract
{
    private static readonly DateTime Now = new(2026, 12, 5, 6, 0, 0, DateTimeKind.Utc);

    [Fact]
    public async Task Issues_AddReplaceAndList_KeepEveryVersionInOrder()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var store = db.Newsletters;

        // Act
        var first = await store.TryAddAsync(Issue("2026-12-04", 1), ct);
        var again = await store.TryAddAsync(Issue("2026-12-04", 1, "other"), ct);
        await store.TryAddAsync(Issue("2026-12-05", 1), ct);
        await store.ReplaceAsync(Issue("2026-12-05", 2), ct);
        await store.ReplaceAsync(Issue("2026-12-05", 3), ct);

        // Assert
        Assert.True(first);
        Assert.False(again);
        Assert.Equal("Issue 2026-12-04 v1", (await store.GetAsync("2026-12-04", ct))!.Subject);
        Assert.Equal([1, 2, 3], (await store.GetVersionsAsync("2026-12-05", ct)).Select(v => v.Version));
        Assert.Equal(["2026-12-05/v1", "2026-12-05/v2", "2026-12-05"], (await store.GetVersionsAsync("2026-12-05", ct)).Select(v => v.Id));
        Assert.Equal("2026-12-04", (await store.GetPreviousAsync("2026-12-05", ct))!.Date);
        Assert.Equal("2026-12-04", await store.GetFirstDateAsync(ct));
        var listed = await store.ListAsync(10, ct);
        Assert.Equal(["2026-12-05", "2026-12-04"], listed.Select(i => i.Date));
        Assert.Equal(3, listed[0].Version);
        Assert.Equal("", listed[0].Html);
        Assert.Equal(Now.AddSeconds(3), (await store.GetAsync("2026-12-05", ct))!.ComposedAt);
    }

    [Fact]
    public async Task Subscribers_OneAddressOnce_DeleteTakesTheirDeliveries()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var store = db.Subscribers;
        await store.TryAddAsync(Subscriber("a", "ann@example.com", confirmed: true), ct);
        await store.TryAddAsync(Subscriber("b", "bob@example.com", confirmed: false), ct);
        await store.TryClaimDeliveryAsync("2026-12-05", "a", Now, 3, ct);

        // Act
        var sameAddress = await store.TryAddAsync(Subscriber("c", "ann@example.com", confirmed: false), ct);
        var unconfirmed = await store.DeleteUnconfirmedAsync(Now, ct);
        var deleted = await store.DeleteAsync("a", ct);
        var deletedAgain = await store.DeleteAsync("a", ct);

        // Assert
        Assert.False(sameAddress);
        Assert.Equal(1, unconfirmed);
        Assert.True(deleted);
        Assert.False(deletedAgain);
        Assert.Empty(await store.ListAsync(ct));
        Assert.Empty(await store.ListDeliveriesAsync("2026-12-05", ct));
    }

    [Fact]
    public async Task Subscriber_Update_RoundTripsEveryField()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var subscriber = Subscriber("a", "Ann@Example.com", confirmed: false);
        await db.Subscribers.TryAddAsync(subscriber, ct);

        // Act
        subscriber.ConfirmedAt = Now.AddSeconds(7);
        subscriber.ConfirmationMails = 2;
        await db.Subscribers.UpdateAsync(subscriber, ct);
        var found = await db.Subscribers.FindByEmailAsync("ann@example.com", ct);

        // Assert
        Assert.Equivalent(subscriber, found, strict: true);
    }

    [Fact]
    public async Task ClaimDelivery_OnceUnlessFailedWithAttemptsLeft()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var store = db.Subscribers;

        // Act
        var first = await store.TryClaimDeliveryAsync("2026-12-05", "a", Now, 2, ct);
        var whileSending = await store.TryClaimDeliveryAsync("2026-12-05", "a", Now, 2, ct);
        await store.CompleteDeliveryAsync("2026-12-05", "a", DeliveryState.Failed, "451 try later", Now, ct);
        var retry = await store.TryClaimDeliveryAsync("2026-12-05", "a", Now.AddMinutes(5), 2, ct);
        await store.CompleteDeliveryAsync("2026-12-05", "a", DeliveryState.Failed, "451 again", Now, ct);
        var spent = await store.TryClaimDeliveryAsync("2026-12-05", "a", Now.AddMinutes(10), 2, ct);

        // Assert
        Assert.Equal([true, false, true, false], [first, whileSending, retry, spent]);
        var delivery = Assert.Single(await store.ListDeliveriesAsync("2026-12-05", ct));
        Assert.Equal((DeliveryState.Failed, 2, "451 again", Now.AddMinutes(5)), (delivery.State, delivery.Attempts, delivery.Error, delivery.ClaimedAt));
    }

    [Fact]
    public async Task Metadata_SetTwice_KeepsTheLastValue()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;

        // Act
        await db.Metadata.SetAsync("taxonomy", "a", ct);
        await db.Metadata.SetAsync("taxonomy", "b", ct);

        // Assert
        Assert.Equal("b", await db.Metadata.GetAsync("taxonomy", ct));
        Assert.Null(await db.Metadata.GetAsync("missing", ct));
    }

    private static FrozenIssue Issue(string date, int version, string subject = "") => new()
    {
        Date = date,
        Version = version,
        ComposedAt = Now.AddSeconds(version),
        WindowStart = Now.AddDays(-1),
        WindowEnd = Now,
        Subject = subject.Length > 0 ? subject : $"Issue {date} v{version}",
        PostCount = 3,
        Json = "{}",
        Html = "<p>issue</p>",
        Markdown = "issue",
        Text = "issue",
    };

    private static Subscriber Subscriber(string id, string email, bool confirmed) => new()
    {
        Id = id,
        Email = email,
        EmailKey = email.ToLowerInvariant(),
        SubscribedAt = Now.AddDays(-1),
        ConfirmedAt = confirmed ? Now.AddHours(-1) : null,
        LastConfirmationMailAt = Now.AddDays(-1),
        ConfirmationMails = 1,
    };
}

public sealed class NewsletterStoreContractTestsOnLiteDb : NewsletterStoreContractTests
{
    protected override Task<StoreUnderTest> OpenAsync() => OnLiteDb();
}

public sealed class NewsletterStoreContractTestsOnPostgres(TestPostgres server) : NewsletterStoreContractTests, IClassFixture<TestPostgres>
{
    protected override Task<StoreUnderTest> OpenAsync() => OnPostgresAsync(server);
}
