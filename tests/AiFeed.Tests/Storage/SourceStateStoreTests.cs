using AiFeed.Model;
using AiFeed.Storage;
using AiFeed.Tests.Infrastructure;

namespace AiFeed.Tests.Storage;

public sealed class SourceStateStoreTests
{
    internal static readonly DateTime Checked = new(2026, 12, 3, 9, 0, 0, DateTimeKind.Utc);

    [Fact]
    public async Task SaveRefreshed_OnlyTheLastCheckChanged_StaysInMemoryUntilTheStoreCloses()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        using var folder = new TempDirectory();
        var fetched = Fetched(Checked);
        var notModified = NotModified(fetched);

        // Act
        using (var context = new LiteDbContext(folder.Path, "aifeed.db"))
        {
            using var store = new LiteDbSourceStateStore(context);
            await store.SaveRefreshedAsync([fetched], ct);
            await store.SaveRefreshedAsync([notModified], ct);

            // Assert: readers see the 304 at once; LiteDB still holds the 200.
            Assert.Equal(304, (await store.GetAsync("lab", ct))!.LastStatusCode);
            Assert.Equal(200, context.Sources.FindById("lab")!.LastStatusCode);
        }

        // Assert: closing the store wrote it.
        using var reopened = new LiteDbContext(folder.Path, "aifeed.db");
        using var again = new LiteDbSourceStateStore(reopened);
        Assert.Equal(notModified, await again.GetAsync("lab", ct));
    }

    [Fact]
    public async Task Close_HourlyLastChecks_LeavesARecentLastCheckUnwrittenAndWritesARealChange()
    {
        // Arrange: the one-shot poll's store (LastCheckWrites.Hourly).
        var ct = TestContext.Current.CancellationToken;
        using var folder = new TempDirectory();
        var fetched = Fetched(Checked);
        var notModified = NotModified(fetched);
        var paused = Fetched(Checked);
        paused.SourceId = "paused-lab";

        // Act
        using (var context = new LiteDbContext(folder.Path, "aifeed.db"))
        {
            using var store = new LiteDbSourceStateStore(context, LastCheckWrites.Hourly);
            await store.SaveRefreshedAsync([fetched, paused], ct);
            await store.SaveRefreshedAsync([notModified], ct);
            paused.Paused = true;
            await store.SaveAsync(paused, ct);
        }

        // Assert: the 304 waits for the hourly rule; what is not a last check was written at once.
        using var reopened = new LiteDbContext(folder.Path, "aifeed.db");
        using var again = new LiteDbSourceStateStore(reopened);
        Assert.Equal(fetched, await again.GetAsync("lab", ct));
        Assert.True((await again.GetAsync("paused-lab", ct))!.Paused);
    }

    [Fact]
    public async Task SaveRefreshed_StoredCopyAnHourBehind_IsWrittenEvenIfOnlyTheLastCheckChanged()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        using var db = new TempStore();
        var (context, store) = (db.Context, db.States);
        await store.SaveRefreshedAsync([Fetched(Checked)], ct);
        var later = Fetched(Checked + LiteDbSourceStateStore.LastCheckWriteEvery);

        // Act
        await store.SaveRefreshedAsync([later], ct);

        // Assert
        Assert.Equal(later.LastPollAt, context.Sources.FindById("lab")!.LastPollAt);
    }

    [Fact]
    public async Task Get_StateWrittenBeforeTheStoreOpened_IsRead()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        using var folder = new TempDirectory();
        using (var context = new LiteDbContext(folder.Path, "aifeed.db"))
        {
            context.Sources.Upsert(Fetched(Checked));
        }

        using var reopened = new LiteDbContext(folder.Path, "aifeed.db");
        using var store = new LiteDbSourceStateStore(reopened);

        // Act
        var all = await store.GetAllAsync(ct);

        // Assert
        Assert.Equal(Fetched(Checked), Assert.Single(all));
    }

    [Fact]
    public async Task Save_AttemptsAndLookups_RoundTripThroughTheDataFile()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        using var folder = new TempDirectory();
        var state = Fetched(Checked);
        state.Attempts = [
            new ReadAttempt { Step = ReadAttemptStep.Rule, Outcome = ReadAttemptOutcome.Broken, Url = "https://lab.example/news", Detail = "selector `li` matched 0 elements" },
            new ReadAttempt { Step = ReadAttemptStep.Generic, Outcome = ReadAttemptOutcome.Ok, Url = "https://lab.example/news", Items = 12 },
        ];
        state.ArticleLookups = [new ArticleLookup { Url = "https://lab.example/news/a", CheckedAt = Checked, ETag = "\"a1\"", Title = "A", PublishedAt = Checked.AddDays(-2) }];

        // Act
        using (var context = new LiteDbContext(folder.Path, "aifeed.db"))
        {
            using var store = new LiteDbSourceStateStore(context);
            await store.SaveAsync(state, ct);
        }

        using var reopened = new LiteDbContext(folder.Path, "aifeed.db");
        using var again = new LiteDbSourceStateStore(reopened);
        var read = await again.GetAsync("lab", ct);

        // Assert
        Assert.Equal(state, read);
        Assert.Equal(12, read!.Attempts[1].Items);
    }

    [Fact]
    public void OnlyLastCheckChangedSince_EqualAttemptsInNewLists_IsALastCheckOnlyChange()
    {
        // Arrange
        var before = Fetched(Checked);
        before.Attempts = [new ReadAttempt { Step = ReadAttemptStep.Feed, Outcome = ReadAttemptOutcome.Ok, Items = 20 }];
        var after = before.Copy();
        after.LastPollAt = Checked.AddMinutes(30);
        after.Attempts = [new ReadAttempt { Step = ReadAttemptStep.Feed, Outcome = ReadAttemptOutcome.NotModified }];
        var relooked = after.Copy();
        relooked.ArticleLookups = [new ArticleLookup { Url = "https://lab.example/news/a", CheckedAt = Checked }];

        // Act
        var lastCheckOnly = after.OnlyLastCheckChangedSince(before);
        var lookupsChanged = relooked.OnlyLastCheckChangedSince(before);

        // Assert: attempts are the account of the last check; what was looked up is what the next check builds on.
        Assert.True(lastCheckOnly);
        Assert.False(lookupsChanged);
        Assert.Equal(before.Attempts, new ValueList<ReadAttempt>([new ReadAttempt { Step = ReadAttemptStep.Feed, Outcome = ReadAttemptOutcome.Ok, Items = 20 }]));
    }

    // The same source checked again 30 minutes later: a 304, only the account of the last check changed.
    private static SourceState NotModified(SourceState fetched)
    {
        var notModified = fetched.Copy();
        notModified.LastPollAt = notModified.LastSuccessAt = fetched.LastPollAt!.Value.AddMinutes(30);
        notModified.NextCheckAt = fetched.LastPollAt.Value.AddHours(1);
        notModified.LastStatusCode = 304;
        notModified.LastOutcome = "not-modified";
        notModified.LastBytes = 0;
        return notModified;
    }

    internal static SourceState Fetched(DateTime at) => new()
    {
        SourceId = "lab",
        FeedUrl = "https://lab.example/feed.xml",
        LastPollAt = at,
        LastSuccessAt = at,
        NextCheckAt = at.AddMinutes(30),
        ETag = "\"v1\"",
        LastStatusCode = 200,
        LastBytes = 1234,
        LastDurationMs = 12.5,
        LastOutcome = "ok",
        LastItemCount = 20,
        ReadVia = "feed",
    };
}
