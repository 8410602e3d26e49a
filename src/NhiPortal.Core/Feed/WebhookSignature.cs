using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace NhiPortal.Core.Feed;

/// <summary>
/// Standard Webhooks 1.0: <c>webhook-signature</c> is space-separated <c>v1,&lt;base64 HMAC-SHA256&gt;</c> values over
/// <c>{id}.{timestamp}.{body}</c>, one per secret in use, so a receiver rotating its secret accepts either.
/// Secrets are <c>whsec_&lt;base64&gt;</c>.
/// </summary>
public static class WebhookSignature
{
    public const string SecretPrefix = "whsec_";

    public static byte[] ParseSecret(string secret)
    {
        var text = secret.Trim();
        if (text.StartsWith(SecretPrefix, StringComparison.Ordinal))
        {
            text = text[SecretPrefix.Length..];
        }
        try
        {
            var key = Convert.FromBase64String(text);
            return key.Length >= 16 ? key : throw new FormatException("A webhook secret needs at least 16 bytes (24 to 64 recommended).");
        }
        catch (FormatException ex) when (ex.Message.StartsWith("The input is not", StringComparison.Ordinal))
        {
            // The message of Convert would not leak the value, but say what is expected.
            throw new FormatException("A webhook secret is whsec_ followed by base64.");
        }
    }

    public static string Sign(string id, long timestamp, ReadOnlySpan<byte> body, IEnumerable<byte[]> keys)
    {
        var prefix = Encoding.UTF8.GetBytes($"{id}.{timestamp.ToString(CultureInfo.InvariantCulture)}.");
        var content = new byte[prefix.Length + body.Length];
        prefix.CopyTo(content, 0);
        body.CopyTo(content.AsSpan(prefix.Length));
        return string.Join(' ', keys.Select(k => "v1," + Convert.ToBase64String(HMACSHA256.HashData(k, content))));
    }
}
