using Microsoft.Extensions.Configuration;

namespace NhiPortal.Infrastructure.Audit;

/// <summary>
/// Finds the audit chain key: <c>Audit:ChainKey</c> (environment or user secrets); in Development only, when unset, a
/// key file created once under App_Data. Anywhere else a missing or weak key stops the start: an unkeyed chain is what
/// a database writer can recompute.
/// </summary>
public static class AuditChainKeyLoader
{
    public const string Setting = "Audit:ChainKey";

    public static AuditChainKey Load(IConfiguration configuration, bool isDevelopment, string contentRoot)
    {
        var configured = configuration[Setting];
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return AuditChainKey.FromBase64(configured, $"configuration ({Setting})");
        }
        if (!isDevelopment)
        {
            throw new InvalidOperationException(
                $"{Setting} is not set, and outside Development the portal does not start without the audit chain key. Set it in the environment " +
                $"(Audit__ChainKey) or user secrets to at least {AuditChainKey.MinimumBytes} random bytes, base64-encoded (e.g. `openssl rand -base64 32`); " +
                "keep it out of the database, the same on every instance, and backed up: without it the audit chain cannot be verified.");
        }
        var path = Path.Combine(contentRoot, "App_Data", "audit-chain.key");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        if (TryCreate(path, out var created))
        {
            return AuditChainKey.FromBase64(created, $"the development key file {path} (created now; set {Setting} outside Development)");
        }
        return AuditChainKey.FromBase64(File.ReadAllText(path), $"the development key file {path}");
    }

    private static bool TryCreate(string path, out string value)
    {
        value = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(AuditChainKey.MinimumBytes));
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            // Owner-only from the moment it exists, not chmod-ed afterwards.
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }
        try
        {
            using var writer = new StreamWriter(new FileStream(path, options));
            writer.Write(value);
            return true;
        }
        catch (IOException) when (File.Exists(path))
        {
            // It exists already (or another instance just made it): use that one.
            return false;
        }
    }
}
