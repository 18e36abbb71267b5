using AiFeed.Model;

namespace AiFeed.Storage;

/// <summary>Frozen newsletter issues (one current version per date) and their earlier versions.</summary>
public interface INewsletterStore
{
    /// <summary>The current version of the issue of <paramref name="issueDate"/> ("yyyy-MM-dd").</summary>
    Task<FrozenIssue?> GetAsync(string issueDate, CancellationToken cancellationToken);

    /// <summary>The current version of the latest issue dated before <paramref name="issueDate"/>.</summary>
    Task<FrozenIssue?> GetPreviousAsync(string issueDate, CancellationToken cancellationToken);

    /// <summary>Stores a first version; false when the date already has an issue (it is left as it was).</summary>
    Task<bool> TryAddAsync(FrozenIssue issue, CancellationToken cancellationToken);

    /// <summary>Makes <paramref name="issue"/> current and keeps the version it replaces, in one transaction.</summary>
    Task ReplaceAsync(FrozenIssue issue, CancellationToken cancellationToken);

    /// <summary>Every version of the date, oldest first (earlier versions, then the current one).</summary>
    Task<IReadOnlyList<FrozenIssue>> GetVersionsAsync(string issueDate, CancellationToken cancellationToken);

    /// <summary>The date of the first issue in the archive ("yyyy-MM-dd"), or null when it has none.</summary>
    Task<string?> GetFirstDateAsync(CancellationToken cancellationToken);

    /// <summary>The current versions, newest date first, without their bodies.</summary>
    Task<IReadOnlyList<FrozenIssue>> ListAsync(int limit, CancellationToken cancellationToken);
}
