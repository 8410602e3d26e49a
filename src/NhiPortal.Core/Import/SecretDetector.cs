using System.Text.RegularExpressions;

namespace NhiPortal.Core.Import;

/// <summary>
/// Refuses secret values at the door: the portal stores fingerprints and metadata only. Catches columns named like
/// secrets and cell values shaped like well-known secret formats.
/// </summary>
public static partial class SecretDetector
{
    [GeneratedRegex(@"^(secret|client.?secret|password|passwd|pwd|pass|token|access.?token|refresh.?token|api.?key|private.?key|key.?value|secret.?value|value|credential|connection.?string)$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SecretColumn();

    [GeneratedRegex(@"-----BEGIN [A-Z ]*PRIVATE KEY-----|\bAKIA[0-9A-Z]{16}\b|\bASIA[0-9A-Z]{16}\b|\bgh[pousr]_[A-Za-z0-9]{30,}|\bgithub_pat_[A-Za-z0-9_]{30,}|\bxox[abposr]-[A-Za-z0-9-]{10,}|\bsk_live_[A-Za-z0-9]{16,}|\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.|\bAIza[0-9A-Za-z_-]{35}\b|(password|pwd|secret)\s*=\s*\S+",
        RegexOptions.CultureInvariant)]
    private static partial Regex SecretValue();

    public static bool IsSecretColumn(string header) => SecretColumn().IsMatch(header.Trim());

    public static bool LooksLikeSecret(string value) => value.Length >= 12 && SecretValue().IsMatch(value);
}
