using System.Security.Cryptography;
using System.Text;
using NhiPortal.Core.Audit;

namespace NhiPortal.Infrastructure.Audit;

/// <summary>
/// The secret the audit chain and every event's MAC are keyed with. It lives outside the database (configuration or
/// a development key file), so write access to the database is not enough to forge a link or a row. Never logged:
/// only <see cref="KeyId"/>, a one-way tag, identifies it.
/// </summary>
public sealed class AuditChainKey
{
    public const int MinimumBytes = 32;

    // One keyed HMAC per thread: the one-shot HashData re-keys on every call, which costs more than the hash itself
    // when a sync or a bulk run writes 100,000 events.
    private readonly ThreadLocal<HMACSHA256> _hmac;

    private AuditChainKey(byte[] key, string source)
    {
        _hmac = new ThreadLocal<HMACSHA256>(() => new HMACSHA256(key));
        Source = source;
        KeyId = Convert.ToHexStringLower(HMACSHA256.HashData(key, "nhiportal audit chain key id"u8))[..12];
    }

    /// <summary>Names the key in links and logs without revealing it.</summary>
    public string KeyId { get; }

    /// <summary>Where the key came from (a setting's name or a file's path), for the start-up log.</summary>
    public string Source { get; }

    /// <summary>What links sealed with this key record in <see cref="AuditChainLink.Algorithm"/>.</summary>
    public string Algorithm => "hmac-sha256:" + KeyId;

    public static AuditChainKey FromBase64(string value, string source)
    {
        byte[] key;
        try
        {
            key = Convert.FromBase64String(value.Trim());
        }
        catch (FormatException)
        {
            // The value itself stays out of the message: it may be most of a real key.
            throw new InvalidOperationException($"The audit chain key from {source} is not valid base64: set Audit:ChainKey to at least {MinimumBytes} random bytes, base64-encoded.");
        }
        if (key.Length < MinimumBytes)
        {
            throw new InvalidOperationException(
                $"The audit chain key from {source} is {key.Length} bytes; it must be at least {MinimumBytes} bytes (base64 of {MinimumBytes} random bytes, e.g. `openssl rand -base64 32`).");
        }
        return new AuditChainKey(key, source);
    }

    /// <summary>A fresh random key, for tests and benchmarks whose data outlives no process.</summary>
    public static AuditChainKey CreateRandom() => new(RandomNumberGenerator.GetBytes(MinimumBytes), "a random key for this process");

    /// <summary>The keyed link of <paramref name="e"/> after <paramref name="previousHash"/>.</summary>
    public string Link(string previousHash, AuditEvent e) => Convert.ToHexStringLower(_hmac.Value!.ComputeHash(AuditChain.LinkContent(previousHash, e)));

    /// <summary>The MAC the portal gives a row it creates (<see cref="AuditEvent.Mac"/>).</summary>
    public string EventMac(AuditEvent e) => Convert.ToHexStringLower(_hmac.Value!.ComputeHash(AuditChain.EventContent(e)));

    /// <summary>Whether the row carries the MAC of its current content, i.e. the portal wrote it and nobody changed it since.</summary>
    public bool IsGenuine(AuditEvent e) =>
        e.Mac is { } mac && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(mac), Encoding.ASCII.GetBytes(EventMac(e)));

    public override string ToString() => $"audit chain key {KeyId}";
}
