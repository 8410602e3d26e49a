using System.Security.Cryptography;
using System.Text;

namespace NhiPortal.Infrastructure.Connectors;

/// <summary>
/// The SCRAM-SHA-256 verifier PostgreSQL stores (RFC 5802 / RFC 7677):
/// <c>SCRAM-SHA-256$&lt;iterations&gt;:&lt;salt&gt;$&lt;StoredKey&gt;:&lt;ServerKey&gt;</c>, all base64. Computed here
/// so <c>ALTER ROLE … PASSWORD</c> carries the verifier, never the password: a statement can land in the server log,
/// pg_stat_activity or pg_stat_statements, and a verifier there does not let anyone log in.
/// </summary>
internal static class ScramSha256
{
    /// <summary>PostgreSQL's default (scram_iterations).</summary>
    public const int Iterations = 4096;

    public static string Verifier(string password, byte[]? salt = null)
    {
        // SASLprep leaves printable ASCII unchanged; anything else would need the full profile to match the server.
        if (password.Any(ch => ch is < '!' or > '~'))
        {
            throw new ArgumentException("Only printable ASCII passwords are supported.", nameof(password));
        }
        salt ??= RandomNumberGenerator.GetBytes(16);
        var salted = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, Iterations, HashAlgorithmName.SHA256, 32);
        try
        {
            var storedKey = SHA256.HashData(HMACSHA256.HashData(salted, "Client Key"u8));
            var serverKey = HMACSHA256.HashData(salted, "Server Key"u8);
            return $"SCRAM-SHA-256${Iterations}:{Convert.ToBase64String(salt)}${Convert.ToBase64String(storedKey)}:{Convert.ToBase64String(serverKey)}";
        }
        finally
        {
            CryptographicOperations.ZeroMemory(salted);
        }
    }
}
