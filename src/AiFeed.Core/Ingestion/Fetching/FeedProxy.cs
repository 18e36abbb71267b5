using System.Net;
using Microsoft.Extensions.Options;

namespace AiFeed.Ingestion.Fetching;

/// <summary>The proxy the feed client uses: Fetch:Proxy, else the system's (HTTP_PROXY, HTTPS_PROXY, NO_PROXY).</summary>
internal sealed class FeedProxy(IOptionsMonitor<FetchOptions> options)
{
    public IWebProxy Proxy { get; } = options.CurrentValue.Proxy is { } uri ? new WebProxy(uri) : HttpClient.DefaultProxy;

    /// <summary>The proxy a request for <paramref name="url"/> goes through, or null when it goes direct.</summary>
    public Uri? For(Uri url) =>
        Proxy.IsBypassed(url) ? null : Proxy.GetProxy(url) is { } proxy && proxy != url ? proxy : null;

    /// <summary>Whether a connection to <paramref name="endPoint"/> for <paramref name="url"/> is the one to its proxy.</summary>
    public bool IsProxyFor(Uri url, DnsEndPoint endPoint) =>
        For(url) is { } proxy
        && string.Equals(proxy.IdnHost, endPoint.Host, StringComparison.OrdinalIgnoreCase)
        && proxy.Port == endPoint.Port;
}
