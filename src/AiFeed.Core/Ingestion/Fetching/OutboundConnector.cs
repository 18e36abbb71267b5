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
/// The feed client's ConnectCallback: resolves the name itself, refuses addresses that are not
/// public (unless allowed) and connects to the address it checked, so nothing re-resolves the
/// name between the check and the connection.
/// </summary>
internal sealed class OutboundConnector(IHostResolver resolver, IOptionsMonitor<FetchOptions> options)
{
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var settings = options.CurrentValue;
        var host = context.DnsEndPoint.Host;
        var addresses = IPAddress.TryParse(host, out var literal) ? [literal] : await resolver.ResolveAsync(host, cancellationToken);
        var hostAllowed = settings.AllowedHosts.Contains(host, StringComparer.OrdinalIgnoreCase);
        var networks = settings.ParsedAllowedNetworks;
        var permitted = hostAllowed ? addresses : Array.FindAll(addresses, a => AddressPolicy.IsAllowed(a, networks));
        if (permitted.Length == 0)
        {
            var shown = addresses.Length == 0 ? "no address" : string.Join(", ", addresses.Select(a => a.ToString()));
            throw new OutboundAddressRefusedException(
                $"refused to connect to {host} ({shown}): not a public address (allow it with Fetch:AllowedNetworks or Fetch:AllowedHosts)");
        }

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
}
