using System.Collections.Concurrent;
using System.Text;

namespace NhiPortal.Web.Auth;

/// <summary>
/// Logs each role claim value that maps to no portal role once per process, so an administrator sees what the IdP
/// sends (a group name or id, not a secret) without a line per sign-in.
/// </summary>
public sealed class UnmappedRoleLog(ILogger<UnmappedRoleLog> logger)
{
    // Values come from signed tokens, but a misconfigured IdP could send many: stop remembering at some point.
    private const int MaxRemembered = 1000;
    private readonly ConcurrentDictionary<string, byte> _logged = new(StringComparer.Ordinal);

    public void Report(IEnumerable<string> values)
    {
        foreach (var value in values)
        {
            if (_logged.Count < MaxRemembered && _logged.TryAdd(value, 0))
            {
                logger.LogWarning("The identity provider sent the role claim value {Value}, which maps to no portal role (add an Authentication:Oidc:RoleMap entry to grant one)",
                    Printable(value));
            }
        }
    }

    // A value with a newline would otherwise forge a log line.
    private static string Printable(string value)
    {
        var text = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            text.Append(char.IsControl(c) ? $"\\u{(int)c:x4}" : c);
        }
        return text.ToString();
    }
}
