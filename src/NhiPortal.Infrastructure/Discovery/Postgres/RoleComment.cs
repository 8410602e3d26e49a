using System.Text.RegularExpressions;

namespace NhiPortal.Infrastructure.Discovery.Postgres;

/// <summary>
/// A role's <c>COMMENT ON ROLE</c>, read by convention: "owner=alice@example.org; any text" (or "owner: …") gives an
/// owner hint and the rest is the description; a comment without it is all description.
/// </summary>
public sealed partial record RoleComment(string? OwnerHint, string? Description)
{
    public static RoleComment Parse(string? comment)
    {
        if (string.IsNullOrWhiteSpace(comment))
        {
            return new RoleComment(null, null);
        }
        var match = OwnerConvention().Match(comment);
        if (!match.Success)
        {
            return new RoleComment(null, comment.Trim());
        }
        var rest = match.Groups["rest"].Value.Trim();
        return new RoleComment(match.Groups["owner"].Value.Trim(), rest.Length == 0 ? null : rest);
    }

    [GeneratedRegex(@"^\s*owner\s*[=:]\s*(?<owner>[^;\r\n]+?)\s*(?:[;\r\n]\s*(?<rest>.*))?$", RegexOptions.IgnoreCase | RegexOptions.Singleline | RegexOptions.CultureInvariant)]
    private static partial Regex OwnerConvention();
}
