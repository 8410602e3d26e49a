using System.Text.RegularExpressions;
using NhiPortal.Core.Common;

namespace NhiPortal.Core.Feed;

/// <summary>
/// What a destination must be: a syslog <c>host:port</c> or an <c>https://</c> webhook with a signing secret; secrets
/// named by reference only (an environment variable's name or an absolute file path), never pasted in.
/// </summary>
public static partial class FeedDestinationRules
{
    public const int NameMaximum = 100;
    public const int AddressMaximum = 500;
    public const int PathMaximum = 400;

    /// <summary>The input trimmed and normalised (a thumbprint in upper-case hex), or a <see cref="ValidationException"/> naming what is wrong.</summary>
    public static FeedDestinationInput Validate(FeedDestinationInput input)
    {
        var name = input.Name?.Trim() ?? "";
        if (name.Length is 0 or > NameMaximum)
        {
            throw new ValidationException($"A destination needs a name of at most {NameMaximum} characters.");
        }
        var address = input.Address?.Trim() ?? "";
        if (address.Length is 0 or > AddressMaximum)
        {
            throw new ValidationException($"A destination needs an address of at most {AddressMaximum} characters.");
        }
        var tls = input.Tls;
        switch (input.Kind)
        {
            case FeedKind.Syslog:
                if (!TryHostPort(address, out _, out _))
                {
                    throw new ValidationException("A syslog address is host:port (port 1-65535), e.g. siem.example.org:6514.");
                }
                break;
            case FeedKind.Webhook:
                if (!Uri.TryCreate(address, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps)
                {
                    throw new ValidationException("A webhook address is an https:// URL.");
                }
                if (Blank(input.SecretVariable) && Blank(input.SecretFile))
                {
                    throw new ValidationException("A webhook is signed: name its secret by an environment variable or a file.");
                }
                tls = true;
                break;
        }
        var pin = input.PinnedThumbprint is { } p && !Blank(p) ? p.Replace(":", "").Replace(" ", "").ToUpperInvariant() : null;
        if (pin is not null && !Sha256Hex().IsMatch(pin))
        {
            throw new ValidationException("A pinned thumbprint is the certificate's SHA-256 in hex (64 digits).");
        }
        if ((pin is not null || !Blank(input.CaFile)) && !tls)
        {
            throw new ValidationException("A CA file or pinned thumbprint needs TLS.");
        }
        return input with
        {
            Name = name,
            Address = address,
            Tls = tls,
            PinnedThumbprint = pin,
            CaFile = FilePath(input.CaFile, "CA file"),
            SecretVariable = Variable(input.SecretVariable, "secret variable"),
            SecretFile = FilePath(input.SecretFile, "secret file"),
            PreviousSecretVariable = Variable(input.PreviousSecretVariable, "previous secret variable"),
            PreviousSecretFile = FilePath(input.PreviousSecretFile, "previous secret file"),
        };
    }

    public static bool TryHostPort(string address, out string host, out int port)
    {
        host = "";
        port = 0;
        var colon = address.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(address.AsSpan(colon + 1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out port)
            || port is < 1 or > 65535)
        {
            return false;
        }
        host = address[..colon].Trim('[', ']');
        return host.Length > 0 && !host.Contains(' ', StringComparison.Ordinal);
    }

    private static string? Variable(string? value, string what)
    {
        if (Blank(value))
        {
            return null;
        }
        var name = value!.Trim();
        if (name.StartsWith(WebhookSignature.SecretPrefix, StringComparison.Ordinal) || !VariableName().IsMatch(name))
        {
            // Never echo the value: it may be the secret itself, pasted into the wrong field.
            throw new ValidationException($"The {what} is the name of an environment variable (letters, digits, _), not the secret itself.");
        }
        return name;
    }

    private static string? FilePath(string? value, string what)
    {
        if (Blank(value))
        {
            return null;
        }
        var path = value!.Trim();
        if (!Path.IsPathRooted(path) || path.Length > PathMaximum)
        {
            throw new ValidationException($"The {what} is an absolute path of at most {PathMaximum} characters.");
        }
        return path;
    }

    private static bool Blank(string? value) => string.IsNullOrWhiteSpace(value);

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]{0,127}$")]
    private static partial Regex VariableName();

    [GeneratedRegex("^[0-9A-F]{64}$")]
    private static partial Regex Sha256Hex();
}
