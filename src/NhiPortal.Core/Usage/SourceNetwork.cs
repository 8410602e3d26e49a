using System.Net;
using System.Net.Sockets;

namespace NhiPortal.Core.Usage;

/// <summary>
/// The network a use came from: an IPv4 /24 or an IPv6 /64. Loopback stays as itself (127.0.0.0/24, ::1/128) so a
/// test connecting over both is seen from two networks; no or an unparseable address is <see cref="Unknown"/>.
/// </summary>
public static class SourceNetwork
{
    /// <summary>No usable address: the network rules ignore it.</summary>
    public const string Unknown = "unknown";

    public static string Of(string? address)
    {
        if (string.IsNullOrWhiteSpace(address) || !IPAddress.TryParse(address.Trim(), out var ip))
        {
            return Unknown;
        }
        if (ip.IsIPv4MappedToIPv6)
        {
            ip = ip.MapToIPv4();
        }
        if (IPAddress.IPv6Loopback.Equals(ip))
        {
            return "::1/128";
        }
        var bytes = ip.GetAddressBytes();
        if (ip.AddressFamily == AddressFamily.InterNetwork)
        {
            return $"{bytes[0]}.{bytes[1]}.{bytes[2]}.0/24";
        }
        Array.Clear(bytes, 8, 8);
        return $"{new IPAddress(bytes)}/64";
    }

    public static bool IsKnown(string network) => network != Unknown;
}
