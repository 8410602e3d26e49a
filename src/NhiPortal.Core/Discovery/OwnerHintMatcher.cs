namespace NhiPortal.Core.Discovery;

/// <summary>
/// Turns a source's owner hint into a proposal, only when it names exactly one current staff member exactly: an e-mail
/// address, a subject, a display name, or a directory DN whose first value (uid=, cn=, mail=) is one of those or the
/// e-mail's local part. Anything looser is no proposal: an operator confirms every owner, and a wrong one misleads.
/// </summary>
public sealed class OwnerHintMatcher
{
    private readonly Dictionary<string, HashSet<Guid>> _byKey = new(StringComparer.OrdinalIgnoreCase);

    public OwnerHintMatcher(IEnumerable<StaffCandidate> staff)
    {
        foreach (var member in staff.Where(s => s.IsActive))
        {
            Add(member.Subject, member.Id);
            Add(member.DisplayName, member.Id);
            if (member.Email is { Length: > 0 } email)
            {
                Add(email, member.Id);
                var at = email.IndexOf('@');
                if (at > 0)
                {
                    Add(email[..at], member.Id);
                }
            }
        }
    }

    public Guid? Match(string? hint)
    {
        if (string.IsNullOrWhiteSpace(hint))
        {
            return null;
        }
        var text = hint.Trim();
        // A DN names a person by its first attribute value; the whole DN never equals a staff field.
        var key = FirstRdnValue(text) ?? text;
        return _byKey.TryGetValue(key, out var ids) && ids.Count == 1 ? ids.First() : null;
    }

    /// <summary>"uid=alice.smith,ou=people,dc=example,dc=org" → "alice.smith"; null when the text is not a DN.</summary>
    public static string? FirstRdnValue(string text)
    {
        var equals = text.IndexOf('=');
        var comma = text.IndexOf(',');
        if (equals <= 0 || comma < equals)
        {
            return null;
        }
        var attribute = text[..equals].Trim();
        if (!attribute.All(c => char.IsLetterOrDigit(c) || c == '-'))
        {
            return null;
        }
        return text[(equals + 1)..comma].Trim().Replace("\\", "", StringComparison.Ordinal);
    }

    private void Add(string key, Guid id)
    {
        if (!_byKey.TryGetValue(key.Trim(), out var ids))
        {
            _byKey[key.Trim()] = ids = [];
        }
        ids.Add(id);
    }
}
