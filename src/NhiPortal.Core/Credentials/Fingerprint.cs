using System.Security.Cryptography;
using System.Text;
using NhiPortal.Core.Import;

namespace NhiPortal.Core.Credentials;

/// <summary>
/// A one-way fingerprint of a credential (SHA-256, hex), as the importer or connector computed it.
/// It lets the portal notice reuse without ever holding the value; only <see cref="Short"/> is shown or logged.
/// </summary>
public readonly record struct Fingerprint
{
    private const string DigestHelp = "Enter the SHA-256 of the value as 64 hex characters (or sha1:, sha384:, sha512:, md5: followed by that digest), never the value itself.";

    // Digest lengths in hex characters by algorithm prefix.
    private static readonly Dictionary<string, int> Algorithms = new(StringComparer.OrdinalIgnoreCase)
    {
        ["md5"] = 32, ["sha1"] = 40, ["sha-1"] = 40, ["sha256"] = 64, ["sha-256"] = 64, ["sha384"] = 96, ["sha-384"] = 96, ["sha512"] = 128, ["sha-512"] = 128,
    };

    private Fingerprint(string value) => Value = value;

    /// <summary>Lower-case hex of the digest, without prefix or separators.</summary>
    public string Value { get; }

    public string Short => Value.Length <= 12 ? Value : $"{Value[..8]}…{Value[^4..]}";

    /// <summary>
    /// Reads a fingerprint the portal already holds (its database, a connector's digest). Lenient on length so that
    /// rows stored before the entry rule keep loading; what a person types or a file holds goes through <see cref="TryParseEntered"/>.
    /// </summary>
    public static Fingerprint Parse(string value)
    {
        var text = value.Trim();
        if (SplitPrefix(text) is { } prefixed && TryDigest(prefixed.Body, prefixed.Length, out var digest))
        {
            return new Fingerprint(digest);
        }
        var normalised = text.ToLowerInvariant().Replace(":", "", StringComparison.Ordinal);
        if (normalised.Length is < 16 or > 128 || !normalised.All(Uri.IsHexDigit))
        {
            throw new FormatException("A fingerprint is 16 to 128 hexadecimal characters.");
        }
        return new Fingerprint(normalised);
    }

    /// <summary>
    /// The rule for fingerprints people enter or files hold: a digest of exact length, with an algorithm prefix unless it
    /// is SHA-256 (64 hex) or longer, so a hex API key or anything the <see cref="SecretDetector"/> flags is refused.
    /// </summary>
    public static bool TryParseEntered(string? text, out Fingerprint fingerprint, out string problem)
    {
        fingerprint = default;
        var trimmed = text?.Trim() ?? "";
        if (trimmed.Length == 0)
        {
            problem = "Enter the fingerprint. " + DigestHelp;
            return false;
        }
        if (SplitPrefix(trimmed) is { } prefixed)
        {
            if (!TryDigest(prefixed.Body, prefixed.Length, out var digest))
            {
                problem = $"After '{prefixed.Name}:' a fingerprint needs that digest: {prefixed.Length} hex characters. " + DigestHelp;
                return false;
            }
            fingerprint = new Fingerprint(digest);
            problem = "";
            return true;
        }
        if (SecretDetector.FindSecret(trimmed) is { } kind)
        {
            problem = $"This looks like {kind}, not a fingerprint. " + DigestHelp;
            return false;
        }
        var separated = trimmed.Contains(':', StringComparison.Ordinal) || trimmed.Contains(' ', StringComparison.Ordinal);
        if (separated && BytePairs(trimmed) is { Length: 40 or 64 or 96 or 128 } pairs)
        {
            // "AB:CD:…" is how certificate tools print thumbprints; API keys never look like that.
            fingerprint = new Fingerprint(pairs);
            problem = "";
            return true;
        }
        var hex = trimmed.ToLowerInvariant();
        if (!separated && hex.All(Uri.IsHexDigit) && hex.Length is 64 or 96 or 128)
        {
            fingerprint = new Fingerprint(hex);
            problem = "";
            return true;
        }
        problem = !separated && hex.All(Uri.IsHexDigit) && hex.Length == 40
            ? "40 hex characters may be a SHA-1 thumbprint or a hex API key: if it is a SHA-1 digest, write it as sha1:<hex>. " + DigestHelp
            : DigestHelp;
        return false;
    }

    /// <summary><see cref="TryParseEntered"/> that throws a <see cref="FormatException"/> naming the problem.</summary>
    public static Fingerprint ParseEntered(string text) =>
        TryParseEntered(text, out var fingerprint, out var problem) ? fingerprint : throw new FormatException(problem);

    /// <summary>Fingerprints a value the caller holds only transiently (a connector reading a key); the value is not kept.</summary>
    public static Fingerprint OfSecret(ReadOnlySpan<byte> secret) => new(Convert.ToHexStringLower(SHA256.HashData(secret)));

    public static Fingerprint OfSecret(string secret) => OfSecret(Encoding.UTF8.GetBytes(secret));

    // The full value must never reach a log line by accident.
    public override string ToString() => Short;

    private static (string Name, string Body, int Length)? SplitPrefix(string text)
    {
        var colon = text.IndexOfAny([':', '=']);
        return colon > 0 && Algorithms.TryGetValue(text[..colon], out var length) ? (text[..colon].ToLowerInvariant(), text[(colon + 1)..].Trim(), length) : null;
    }

    private static bool TryDigest(string body, int hexLength, out string digest)
    {
        var hex = body.All(Uri.IsHexDigit) ? body.ToLowerInvariant() : BytePairs(body);
        if (hex is not null && hex.Length == hexLength)
        {
            digest = hex;
            return true;
        }
        // OpenSSH prints "SHA256:" followed by the digest in unpadded base64.
        var padded = body.Length % 4 == 0 ? body : body + new string('=', 4 - body.Length % 4);
        var bytes = new byte[hexLength / 2];
        if (body.Length > 0 && Convert.TryFromBase64String(padded, bytes, out var written) && written == bytes.Length)
        {
            digest = Convert.ToHexStringLower(bytes);
            return true;
        }
        digest = "";
        return false;
    }

    // "ab:cd:ef" or "AB CD EF" (two hex digits per group) as plain hex; null for anything else.
    private static string? BytePairs(string text)
    {
        var groups = text.Split([':', ' '], StringSplitOptions.RemoveEmptyEntries);
        return groups.Length > 1 && groups.All(g => g.Length == 2 && g.All(Uri.IsHexDigit)) ? string.Concat(groups).ToLowerInvariant() : null;
    }
}
