using System.Net;
using System.Net.Sockets;

namespace AiFeed.Ingestion.Fetching;

/// <summary>
/// Which addresses the feed client may connect to: public unicast only, unless a network is
/// allowed explicitly. Checked on the resolved address, so a public name that resolves to an
/// internal address (DNS rebinding) is refused too.
/// </summary>
internal static class AddressPolicy
{
    // Not reachable on the public internet, or reserved for purposes a feed never has.
    private static readonly IPNetwork[] Refused =
    [
        IPNetwork.Parse("0.0.0.0/8"),        // "this" network
        IPNetwork.Parse("10.0.0.0/8"),       // private
        IPNetwork.Parse("100.64.0.0/10"),    // carrier-grade NAT
        IPNetwork.Parse("127.0.0.0/8"),      // loopback
        IPNetwork.Parse("169.254.0.0/16"),   // link-local, cloud metadata (169.254.169.254)
        IPNetwork.Parse("172.16.0.0/12"),    // private
        IPNetwork.Parse("192.0.0.0/24"),     // IETF protocol assignments
        IPNetwork.Parse("192.0.2.0/24"),     // documentation
        IPNetwork.Parse("192.168.0.0/16"),   // private
        IPNetwork.Parse("198.18.0.0/15"),    // benchmarking
        IPNetwork.Parse("198.51.100.0/24"),  // documentation
        IPNetwork.Parse("203.0.113.0/24"),   // documentation
        IPNetwork.Parse("224.0.0.0/4"),      // multicast
        IPNetwork.Parse("240.0.0.0/4"),      // reserved, broadcast
        IPNetwork.Parse("::/128"),           // unspecified
        IPNetwork.Parse("::1/128"),          // loopback
        IPNetwork.Parse("64:ff9b::/96"),     // NAT64: would reach any IPv4 address, internal ones included
        IPNetwork.Parse("64:ff9b:1::/48"),   // local-use NAT64
        IPNetwork.Parse("100::/64"),         // discard
        IPNetwork.Parse("2001:db8::/32"),    // documentation
        IPNetwork.Parse("2002::/16"),        // 6to4: embeds an IPv4 address
        IPNetwork.Parse("fc00::/7"),         // unique-local, AWS metadata (fd00:ec2::254)
        IPNetwork.Parse("fe80::/10"),        // link-local
        IPNetwork.Parse("fec0::/10"),        // site-local (deprecated)
        IPNetwork.Parse("ff00::/8"),         // multicast
    ];

    public static bool IsPublic(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        var normalised = Normalise(address);
        if (normalised.AddressFamily is not (AddressFamily.InterNetwork or AddressFamily.InterNetworkV6))
        {
            return false;
        }

        return !Array.Exists(Refused, n => n.BaseAddress.AddressFamily == normalised.AddressFamily && n.Contains(normalised));
    }

    public static bool IsAllowed(IPAddress address, IPNetwork[] allowedNetworks)
    {
        var normalised = Normalise(address);
        foreach (var network in allowedNetworks)
        {
            if (network.BaseAddress.AddressFamily == normalised.AddressFamily && network.Contains(normalised))
            {
                return true;
            }
        }

        return IsPublic(normalised);
    }

    // Names that only a local resolver answers (RFC 6761 localhost, RFC 6762 .local, RFC 8375
    // .home.arpa, ICANN's reserved .internal, cloud metadata names such as metadata.google.internal).
    private static readonly string[] LocalSuffixes = [".localhost", ".local", ".internal", ".home.arpa", ".lan", ".intranet"];

    /// <summary>Whether a host name, unresolved, may be a public one: a dotted name outside the local-only suffixes.</summary>
    public static bool IsPublicName(string host)
    {
        ArgumentNullException.ThrowIfNull(host);
        var name = host.TrimEnd('.');
        return name.Contains('.', StringComparison.Ordinal)
            && !Array.Exists(LocalSuffixes, s => name.EndsWith(s, StringComparison.OrdinalIgnoreCase));
    }

    // ::ffff:127.0.0.1 is 127.0.0.1; ::127.0.0.1 (IPv4-compatible, deprecated) too.
    private static IPAddress Normalise(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            return address.MapToIPv4();
        }

        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            var bytes = address.GetAddressBytes();
            if (bytes.AsSpan(0, 12).IndexOfAnyExcept((byte)0) < 0 && !(bytes[12] == 0 && bytes[13] == 0 && bytes[14] == 0 && bytes[15] <= 1))
            {
                return new IPAddress(bytes.AsSpan(12, 4));
            }
        }

        return address;
    }
}
