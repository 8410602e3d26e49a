using NhiPortal.Core.Feed;

namespace NhiPortal.Infrastructure.Feed;

/// <summary>
/// Reads a destination's signing secrets by reference, when it sends (a file can be replaced while the portal runs).
/// Errors name the variable or file, never a value.
/// </summary>
internal static class FeedSecrets
{
    /// <summary>The current key, then the previous one while a rotation is under way.</summary>
    public static IReadOnlyList<byte[]> SigningKeys(FeedDestination d)
    {
        var keys = new List<byte[]>();
        if (Read(d.SecretVariable, d.SecretFile, "Secret") is { } current)
        {
            keys.Add(Parse(current, "Secret"));
        }
        if (Read(d.PreviousSecretVariable, d.PreviousSecretFile, "PreviousSecret") is { } previous)
        {
            keys.Add(Parse(previous, "PreviousSecret"));
        }
        return keys.Count > 0 ? keys : throw new FeedDeliveryException("no signing secret is configured (SecretVariable or SecretFile)");
    }

    private static string? Read(string? variable, string? file, string key)
    {
        if (variable is { Length: > 0 })
        {
            return Environment.GetEnvironmentVariable(variable) is { Length: > 0 } value
                ? value
                : throw new FeedDeliveryException($"the environment variable {variable} named by {key}Variable is not set");
        }
        if (file is { Length: > 0 })
        {
            try
            {
                return File.ReadAllText(file).Trim();
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw new FeedDeliveryException($"the file {file} named by {key}File cannot be read ({ex.GetType().Name})");
            }
        }
        return null;
    }

    private static byte[] Parse(string secret, string key)
    {
        try
        {
            return WebhookSignature.ParseSecret(secret);
        }
        catch (FormatException ex)
        {
            throw new FeedDeliveryException($"{key}: {ex.Message}");
        }
    }
}
