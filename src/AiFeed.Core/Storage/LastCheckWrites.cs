namespace AiFeed.Storage;

/// <summary>
/// When <see cref="LiteDbSourceStateStore"/> writes the accounts of last checks it keeps in memory (a
/// 304, the same items again): once the stored copy is <see cref="LiteDbSourceStateStore.LastCheckWriteEvery"/>
/// behind, and, in the service, when the store closes. A one-shot poll closes the store at the end of
/// every run, so writing them there wrote every source's state every run (most of a warm run's
/// shutdown); it leaves them to the hourly rule instead (docs/decisions/0038-one-shot-poll-last-checks.md).
/// </summary>
public sealed record LastCheckWrites(bool OnClose)
{
    /// <summary>Closing the store writes them (the service: a clean shutdown loses nothing).</summary>
    public static readonly LastCheckWrites AtClose = new(OnClose: true);

    /// <summary>Only the hourly rule writes them (the one-shot poll).</summary>
    public static readonly LastCheckWrites Hourly = new(OnClose: false);
}
