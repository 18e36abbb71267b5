using AiFeed.Model;
using LiteDB;

namespace AiFeed.Storage;

/// <summary>
/// INewsletterStore over LiteDB: the current version of each issue keyed by its date (so date order
/// is _id order), earlier versions in a second collection keyed "date/vN". Synchronous underneath
/// (see LiteDbPostStore); the replace runs as one transaction on one thread.
/// </summary>
public sealed class LiteDbNewsletterStore(LiteDbContext context) : INewsletterStore
{
    public Task<FrozenIssue?> GetAsync(string issueDate, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var gate = context.Gate.EnterScope();
        return Task.FromResult<FrozenIssue?>(context.Newsletters.FindById(issueDate));
    }

    public Task<FrozenIssue?> GetPreviousAsync(string issueDate, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var gate = context.Gate.EnterScope();
        var previous = context.Newsletters.Query()
            .Where("_id < @0", new BsonValue(issueDate))
            .OrderByDescending("_id")
            .Limit(1)
            .FirstOrDefault();
        return Task.FromResult<FrozenIssue?>(previous);
    }

    public Task<bool> TryAddAsync(FrozenIssue issue, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(issue);
        cancellationToken.ThrowIfCancellationRequested();
        using var gate = context.EnterWrite();
        try
        {
            issue.Id = issue.Date;
            context.Newsletters.Insert(issue);
            return Task.FromResult(true);
        }
        catch (LiteException ex) when (ex.ErrorCode == LiteException.INDEX_DUPLICATE_KEY)
        {
            return Task.FromResult(false);
        }
    }

    public Task ReplaceAsync(FrozenIssue issue, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(issue);
        cancellationToken.ThrowIfCancellationRequested();
        using var gate = context.EnterWrite();
        var database = context.Database;
        database.BeginTrans();
        try
        {
            if (context.Newsletters.FindById(issue.Date) is { } current)
            {
                current.Id = VersionId(current.Date, current.Version);
                context.NewsletterVersions.Upsert(current);
            }

            issue.Id = issue.Date;
            context.Newsletters.Upsert(issue);
            database.Commit();
        }
        catch
        {
            database.Rollback();
            throw;
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<FrozenIssue>> GetVersionsAsync(string issueDate, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var gate = context.Gate.EnterScope();
        var versions = context.NewsletterVersions.Find(x => x.Date == issueDate).ToList();
        if (context.Newsletters.FindById(issueDate) is { } current)
        {
            versions.Add(current);
        }

        return Task.FromResult<IReadOnlyList<FrozenIssue>>([.. versions.OrderBy(v => v.Version)]);
    }

    public Task<string?> GetFirstDateAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var gate = context.Gate.EnterScope();
        // Dates are the _id: the first key of the _id index, read without loading an issue.
        var first = context.Newsletters.Query().OrderBy("_id").Select("$._id").Limit(1).ToEnumerable().FirstOrDefault();
        return Task.FromResult(first?["_id"].AsString);
    }

    public Task<IReadOnlyList<FrozenIssue>> ListAsync(int limit, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var gate = context.Gate.EnterScope();
        // The archive needs no bodies: project them away instead of reading every rendering.
        var rows = context.Newsletters.Query()
            .OrderByDescending("_id")
            .Select(x => new { x.Id, x.Date, x.Version, x.ComposedAt, x.WindowStart, x.WindowEnd, x.Subject, x.PostCount })
            .Limit(Math.Max(limit, 1))
            .ToList();
        return Task.FromResult<IReadOnlyList<FrozenIssue>>([.. rows.Select(r => new FrozenIssue
        {
            Id = r.Id, Date = r.Date, Version = r.Version, ComposedAt = r.ComposedAt,
            WindowStart = r.WindowStart, WindowEnd = r.WindowEnd, Subject = r.Subject, PostCount = r.PostCount,
        })]);
    }

    internal static string VersionId(string date, int version) => $"{date}/v{version.ToString(System.Globalization.CultureInfo.InvariantCulture)}";
}
