using System.Text.RegularExpressions;

namespace NhiPortal.Core.Import;

/// <summary>
/// Refuses secret values at the door: the portal stores fingerprints and metadata only. Catches columns named like
/// secrets and text holding well-known secret formats or long random-looking keys, anywhere inside longer text.
/// </summary>
public static partial class SecretDetector
{
    // A random key of this length or more, mixing cases and digits, is flagged even without a known prefix.
    private const int MinRandomTokenLength = 32;

    // Bits per character: random base64 of 32+ characters scores about 4.5 and up; words, identifiers and hex stay below.
    private const double MinRandomTokenEntropy = 4.2;

    private const int MinWordLength = 4;

    [GeneratedRegex(@"^(secret|client.?secret|password|passwd|pwd|pass|token|access.?token|refresh.?token|api.?key|private.?key|key.?value|secret.?value|value|credential|connection.?string)$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SecretColumn();

    [GeneratedRegex(@"-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----", RegexOptions.CultureInvariant)]
    private static partial Regex PrivateKey();

    [GeneratedRegex(@"\b(?:AKIA|ASIA)[0-9A-Z]{16}\b", RegexOptions.CultureInvariant)]
    private static partial Regex AwsKeyId();

    [GeneratedRegex(@"\bgh[pousr]_[A-Za-z0-9]{30,}|\bgithub_pat_[A-Za-z0-9_]{30,}", RegexOptions.CultureInvariant)]
    private static partial Regex GitHubToken();

    [GeneratedRegex(@"\bglpat-[A-Za-z0-9_-]{20,}", RegexOptions.CultureInvariant)]
    private static partial Regex GitLabToken();

    [GeneratedRegex(@"\bxox[abposr]-[A-Za-z0-9-]{10,}", RegexOptions.CultureInvariant)]
    private static partial Regex SlackToken();

    [GeneratedRegex(@"\b[sr]k_(?:live|test)_[A-Za-z0-9]{16,}", RegexOptions.CultureInvariant)]
    private static partial Regex StripeKey();

    [GeneratedRegex(@"\bAIza[0-9A-Za-z_-]{35}", RegexOptions.CultureInvariant)]
    private static partial Regex GoogleApiKey();

    // "eyJ" is base64 for '{"': a JWT (or just its header, pasted alone) starts with it.
    [GeneratedRegex(@"\beyJ[A-Za-z0-9_-]{7,}", RegexOptions.CultureInvariant)]
    private static partial Regex JsonWebToken();

    [GeneratedRegex(@"\b(?:Bearer|Basic)\s+[A-Za-z0-9._~+/-]{16,}=*", RegexOptions.CultureInvariant)]
    private static partial Regex AuthorizationHeader();

    [GeneratedRegex(@"\b[a-z][a-z0-9+.-]*://[^\s/:@]+:[^\s/@]+@", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex UrlWithPassword();

    // Only "name=value": in prose "password: see the vault" is an explanation, not a password.
    [GeneratedRegex(@"\b(?:password|passwd|pwd|secret|client[_-]?secret|api[_-]?key|access[_-]?key|secret[_-]?access[_-]?key|auth[_-]?token|access[_-]?token|token|account[_-]?key|shared[_-]?access[_-]?key)\s*=\s*[""']?[^\s""';,&]{3,}",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SecretAssignment();

    [GeneratedRegex(@"[A-Za-z0-9+/_=-]{32,}", RegexOptions.CultureInvariant)]
    private static partial Regex LongToken();

    private static readonly (Func<Regex> Pattern, string Kind)[] KnownFormats =
    [
        (PrivateKey, "a private key (PEM block)"),
        (AwsKeyId, "an AWS access key id"),
        (GitHubToken, "a GitHub token"),
        (GitLabToken, "a GitLab token"),
        (SlackToken, "a Slack token"),
        (StripeKey, "a Stripe key"),
        (GoogleApiKey, "a Google API key"),
        (JsonWebToken, "a JSON Web Token"),
        (AuthorizationHeader, "an HTTP authorization header value"),
        (UrlWithPassword, "a URL with a password in it"),
        (SecretAssignment, "a password or key written as name=value"),
    ];

    public static bool IsSecretColumn(string header) => SecretColumn().IsMatch(header.Trim());

    /// <summary>
    /// For import cells and form fields that hold identifiers: known secret formats only. Random-looking identifiers
    /// are legitimate there (an OAuth client id is 32 random characters and public), so they are not flagged.
    /// </summary>
    public static bool LooksLikeSecret(string value) => KnownFormat(value) is not null;

    /// <summary>
    /// For free text (reasons, notes, justifications) and fingerprints: what kind of secret the text holds anywhere
    /// inside it (e.g. "a JSON Web Token"), including a long random-looking key, or null. The description never
    /// contains any of the text, so it is safe to show and log.
    /// </summary>
    public static string? FindSecret(string? text)
    {
        if (KnownFormat(text) is { } kind)
        {
            return kind;
        }
        if (text is null)
        {
            return null;
        }
        foreach (Match token in LongToken().Matches(text))
        {
            if (LooksRandom(token.ValueSpan))
            {
                return "a long random-looking string (an API key or secret)";
            }
        }
        return null;
    }

    private static string? KnownFormat(string? text)
    {
        if (string.IsNullOrWhiteSpace(text) || text.Length < 10)
        {
            return null;
        }
        foreach (var (pattern, kind) in KnownFormats)
        {
            if (pattern().IsMatch(text))
            {
                return kind;
            }
        }
        return null;
    }

    // Hex is left alone on purpose: digests, commit ids and UUIDs are what the portal and its users write about.
    private static bool LooksRandom(ReadOnlySpan<char> token)
    {
        token = token.TrimEnd('=');
        if (token.Length < MinRandomTokenLength)
        {
            return false;
        }
        int upper = 0, lower = 0, digits = 0, inWords = 0, run = 0;
        Span<int> counts = stackalloc int[128];
        foreach (var c in token)
        {
            upper += char.IsAsciiLetterUpper(c) ? 1 : 0;
            lower += char.IsAsciiLetterLower(c) ? 1 : 0;
            digits += char.IsAsciiDigit(c) ? 1 : 0;
            counts[c]++;
            run = char.IsAsciiLetterLower(c) ? run + 1 : 0;
            inWords += run == MinWordLength ? MinWordLength : run > MinWordLength ? 1 : 0;
        }
        // CamelCase identifiers and URL paths are mostly runs of lower-case letters; random keys rarely have any.
        if (upper < 2 || lower < 2 || digits < 1 || inWords * 10 >= token.Length * 4)
        {
            return false;
        }
        double entropy = 0;
        foreach (var count in counts)
        {
            if (count > 0)
            {
                var p = (double)count / token.Length;
                entropy -= p * Math.Log2(p);
            }
        }
        return entropy >= MinRandomTokenEntropy;
    }
}
