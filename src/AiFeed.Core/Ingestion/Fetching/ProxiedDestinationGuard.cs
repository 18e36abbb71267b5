using System.Net.Sockets;

namespace AiFeed.Ingestion.Fetching;

/// <summary>
/// With a proxy, the connection the address guard sees is the one to the proxy, so the destination
/// is checked here, before the request is handed over: a literal address, or every address its name
/// resolves to, must be allowed. A name that does not resolve here (a proxy with a DNS of its own)
/// goes to the proxy unless it is a local or internal name. The proxy resolves the name again, so
/// behind a proxy, the proxy's own egress rules are the last word (docs/operations.md).
/// </summary>
internal sealed class ProxiedDestinationGuard(FeedProxy proxy, OutboundConnector connector) : DelegatingHandler
{
    // Without a proxy the request goes straight on, with no async step of its own (decision 0074).
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        request.RequestUri is { } url && proxy.For(url) is not null
            ? CheckThenSendAsync(request, url.DnsSafeHost, cancellationToken)
            : base.SendAsync(request, cancellationToken);

    private async Task<HttpResponseMessage> CheckThenSendAsync(HttpRequestMessage request, string host, CancellationToken cancellationToken)
    {
        try
        {
            await connector.CheckAsync(host, everyAddress: true, cancellationToken);
        }
        catch (SocketException) when (connector.MayProxyUnresolved(host))
        {
            // Only the proxy can resolve it; nothing says it is internal.
        }
        catch (SocketException)
        {
            throw Refused($"refused to hand {host} to the proxy: a local or internal name (allow it with Fetch:AllowedHosts)");
        }
        catch (OutboundAddressRefusedException refused)
        {
            throw Refused(refused.Message);
        }

        return await base.SendAsync(request, cancellationToken);
    }

    private static HttpRequestException Refused(string message) =>
        new(HttpRequestError.ConnectionError, message, new OutboundAddressRefusedException(message));
}
