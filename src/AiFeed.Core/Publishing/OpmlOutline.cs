namespace AiFeed.Publishing;

/// <summary>
/// One feed of an OPML subscription list. Id, weight, poll interval and enabled are AiFeed's own
/// attributes (namespace <see cref="OpmlWriter.AiFeedNamespace"/>): other readers ignore them, and
/// they make an export from one AiFeed import into another without loss.
/// </summary>
public sealed record OpmlOutline(
    string Title,
    string XmlUrl,
    string? HtmlUrl,
    IReadOnlyList<string> Tags,
    string? Id = null,
    double? Weight = null,
    TimeSpan? PollInterval = null,
    bool? Enabled = null);
