namespace NhiPortal.Core.Access;

/// <summary>What a role map must be before it is saved: every entry exact and unique, and nobody locked out.</summary>
public static class RoleMapRules
{
    public const int MaxValue = 200;

    public const int MaxEntries = 100;

    /// <summary>Every problem with the entries, empty when they can be saved.</summary>
    public static IReadOnlyList<string> Validate(IReadOnlyList<KeyValuePair<string, string>> entries, bool acceptsRoleNamesAsIs)
    {
        var problems = new List<string>();
        if (entries.Count > MaxEntries)
        {
            problems.Add($"A role map has at most {MaxEntries} entries.");
        }
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var roles = new HashSet<PortalRole>();
        foreach (var (value, role) in entries)
        {
            if (string.IsNullOrWhiteSpace(value) || value.Length > MaxValue || value != value.Trim())
            {
                problems.Add($"Each IdP value is 1 to {MaxValue} characters, without spaces around it (\"{value}\").");
            }
            else if (!seen.Add(value))
            {
                problems.Add($"\"{value}\" is mapped twice (values are compared case-insensitively): keep one entry.");
            }
            if (!PortalRoleNames.TryParse(role, ignoreCase: false, out var parsed))
            {
                problems.Add($"\"{value}\" maps to \"{role}\", which is not a portal role ({string.Join(", ", Enum.GetNames<PortalRole>())}).");
            }
            else
            {
                roles.Add(parsed);
            }
        }
        // A map nobody can administer again could only be undone by editing the database.
        if (!acceptsRoleNamesAsIs && !roles.Contains(PortalRole.Administrator))
        {
            problems.Add("No entry maps to Administrator: nobody could change the role map again. Keep at least one.");
        }
        return problems;
    }
}
