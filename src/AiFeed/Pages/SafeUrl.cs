namespace AiFeed.Pages;

/// <summary>Only absolute http(s) URLs become links: a <c>javascript:</c> or <c>data:</c> URL stays text.</summary>
public static class SafeUrl
{
    public static bool IsWeb(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp);
}
