using System.Security.Cryptography;
using System.Text;

namespace NhiPortal.Core.Credentials;

/// <summary>
/// A one-way fingerprint of a credential (SHA-256, hex), as the importer or connector computed it.
/// It lets the portal notice reuse without ever holding the value; only <see cref="Short"/> is shown or logged.
/// </summary>
public readonly record struct Fingerprint
{
    private Fingerprint(string value) => Value = value;

    public string Value { get; }

    public string Short => Value.Length <= 12 ? Value : $"{Value[..8]}…{Value[^4..]}";

    public static Fingerprint Parse(string value)
    {
        var normalised = value.Trim().ToLowerInvariant().Replace(":", "", StringComparison.Ordinal);
        if (normalised.Length is < 16 or > 128 || !normalised.All(Uri.IsHexDigit))
        {
            throw new FormatException("A fingerprint is 16 to 128 hexadecimal characters.");
        }
        return new Fingerprint(normalised);
    }

    /// <summary>Fingerprints a value the caller holds only transiently (a connector reading a key); the value is not kept.</summary>
    public static Fingerprint OfSecret(ReadOnlySpan<byte> secret) => new(Convert.ToHexStringLower(SHA256.HashData(secret)));

    public static Fingerprint OfSecret(string secret) => OfSecret(Encoding.UTF8.GetBytes(secret));

    // The full value must never reach a log line by accident.
    public override string ToString() => Short;
}
