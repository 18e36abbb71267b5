namespace AiFeed.Pages;

/// <summary>
/// Links to areas other issues add (learning, problems, newsletter): shown once their route is
/// mapped in this build, so the nav never links to a page that does not exist.
/// </summary>
public sealed class ReaderNav(EndpointDataSource endpoints)
{
    private static readonly NavLink[] Optional =
    [
        new("/learn", "Today's lesson"),
        new("/problems", "Problems"),
        new("/newsletter", "Newsletter"),
    ];

    private IReadOnlyList<NavLink>? present;

    public IReadOnlyList<NavLink> Extra => present ??= [.. Optional.Where(link => endpoints.Endpoints
        .OfType<RouteEndpoint>()
        .Any(e => string.Equals("/" + e.RoutePattern.RawText?.Trim('/'), link.Href, StringComparison.OrdinalIgnoreCase)))];
}

public sealed record NavLink(string Href, string Label);
