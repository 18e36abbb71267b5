using AiFeed.Model;
using AiFeed.Tests.Infrastructure;
using static AiFeed.Tests.Storage.SourceStateStoreTests;

namespace AiFeed.Tests.Storage;

/// <summary>What every source-state store keeps: validators at once, an operator's pause, copies, whole states.</summary>
public abstract class SourceStateContractTests : StoreContract
{
    [Fact]
    public async Task SaveRefreshed_NewValidators_AreWrittenAtOnce()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var fetched = Fetched(Checked);
        await db.States.SaveRefreshedAsync([fetched], ct);
        var changed = fetched.Copy();
        changed.LastPollAt = Checked.AddMinutes(30);
        changed.ETag = "\"v2\"";

        // Act
        await db.States.SaveRefreshedAsync([changed], ct);

        // Assert
        Assert.Equal("\"v2\"", (await db.StoredStateAsync("lab"))!.ETag);
    }

    [Fact]
    public async Task SaveRefreshed_OperatorPausedDuringTheRun_PauseStands()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var fetched = Fetched(Checked);
        await db.States.SaveRefreshedAsync([fetched], ct);
        var paused = (await db.States.GetAsync("lab", ct))!;
        paused.Paused = true;
        paused.PausedAt = Checked.AddMinutes(1);
        await db.States.SaveAsync(paused, ct);
        var refreshed = fetched.Copy();
        refreshed.ETag = "\"v2\"";

        // Act: the run read its state before the pause and writes it back after.
        await db.States.SaveRefreshedAsync([refreshed], ct);

        // Assert
        var stored = (await db.StoredStateAsync("lab"))!;
        Assert.True(stored.Paused);
        Assert.Equal(Checked.AddMinutes(1), stored.PausedAt);
        Assert.Equal("\"v2\"", stored.ETag);
    }

    [Fact]
    public async Task Get_ReturnsCopies_ChangingOneChangesNothingStored()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        await db.States.SaveRefreshedAsync([Fetched(Checked)], ct);

        // Act
        (await db.States.GetAsync("lab", ct))!.ETag = "mutated";
        (await db.States.GetAllAsync(ct))[0].ConsecutiveErrors = 9;

        // Assert
        var state = await db.States.GetAsync("lab", ct);
        Assert.Equal("\"v1\"", state!.ETag);
        Assert.Equal(0, state.ConsecutiveErrors);
    }

    [Fact]
    public async Task Save_AttemptsAndLookups_RoundTripWhole()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var state = Fetched(Checked.AddSeconds(1));
        state.Attempts = [new ReadAttempt { Step = ReadAttemptStep.Rule, Outcome = ReadAttemptOutcome.Broken, Url = "https://lab.example/news", Detail = "selector `li` matched 0 elements" }];
        state.ArticleLookups = [new ArticleLookup { Url = "https://lab.example/news/a", CheckedAt = Checked, ETag = "\"a1\"", PublishedAt = Checked.AddDays(-2) }];

        // Act
        await db.States.SaveAsync(state, ct);
        await db.States.SaveAsync(Fetched(Checked) with { SourceId = "other" }, ct);

        // Assert: the whole state, lists and all.
        Assert.Equal(state, await db.StoredStateAsync("lab"));
        Assert.Equal(["lab", "other"], (await db.States.GetAllAsync(ct)).Select(s => s.SourceId).Order(StringComparer.Ordinal));
    }
}

public sealed class SourceStateContractTestsOnLiteDb : SourceStateContractTests
{
    protected override Task<StoreUnderTest> OpenAsync() => OnLiteDb();
}

public sealed class SourceStateContractTestsOnPostgres(TestPostgres server) : SourceStateContractTests, IClassFixture<TestPostgres>
{
    protected override Task<StoreUnderTest> OpenAsync() => OnPostgresAsync(server);
}
