using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;

namespace AiFeed.Ingestion.Fetching;

/// <summary>Resolves host names for the feed client; replaceable so tests can map names to addresses.</summary>
public interface IHostResolver
{
    Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken);
}

internal sealed class DnsHostResolver : IHostResolver
{
    public Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken) =>
        Dns.GetHostAddressesAsync(host, cancellationToken);
}

/// <summary>A connection to a refused address; the fetcher reports it as such.</summary>
public sealed class OutboundAddressRefusedException(string message) : IOException(message);

/// <summary>
/// The feed client's address guard. As its ConnectCallback it resolves the name itself, refuses
/// addresses that are not public (unless allowed) and connects to the address it checked, so
/// nothing re-resolves the name between the check and the connection. A connection to the
/// operator's proxy is not checked: the destination of a proxied request is, before the request is
/// handed over (<see cref="ProxiedDestinationGuard"/>).
/// </summary>
internal sealed class OutboundConnector(IHostResolver resolver, IOptionsMonitor<FetchOptions> options, FeedProxy proxy)
{
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var host = context.DnsEndPoint.Host;
        var toProxy = context.InitialRequestMessage.RequestUri is { } url && proxy.IsProxyFor(url, context.DnsEndPoint);
        var permitted = toProxy
            ? await ResolveAsync(host, cancellationToken)
            : await CheckAsync(host, everyAddress: false, cancellationToken);
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(permitted, context.DnsEndPoint.Port, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>
    /// The addresses of <paramref name="host"/> the client may reach; refused when there are none
    /// or, with <paramref name="everyAddress"/> (a proxy picks the address, not us), when any is refused.
    /// </summary>
    /// <exception cref="OutboundAddressRefusedException">The host is refused.</exception>
    public async Task<IPAddress[]> CheckAsync(string host, bool everyAddress, CancellationToken cancellationToken)
    {
        var addresses = await ResolveAsync(host, cancellationToken);
        var settings = options.CurrentValue;
        if (settings.AllowedHosts.Contains(host, StringComparer.OrdinalIgnoreCase))
        {
            return addresses;
        }

        var networks = settings.ParseAllowedNetworks();
        var permitted = Array.FindAll(addresses, a => AddressPolicy.IsAllowed(a, networks));
        if (permitted.Length == 0 || (everyAddress && permitted.Length != addresses.Length))
        {
            var shown = addresses.Length == 0 ? "no address" : string.Join(", ", addresses.Select(a => a.ToString()));
            throw new OutboundAddressRefusedException(
                $"refused to connect to {host} ({shown}): not a public address (allow it with Fetch:AllowedNetworks or Fetch:AllowedHosts)");
        }

        return permitted;
    }

    /// <summary>Whether a name the proxy resolves, not us, may be handed to it: never a local or internal name.</summary>
    public bool MayProxyUnresolved(string host) =>
        options.CurrentValue.AllowedHosts.Contains(host, StringComparer.OrdinalIgnoreCase) || AddressPolicy.IsPublicName(host);

    private async Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken) =>
        IPAddress.TryParse(host, out var literal) ? [literal] : await resolver.ResolveAsync(host, cancellationToken);
}
