using NhiPortal.Core.Import;

namespace NhiPortal.Core.Credentials;

/// <summary>
/// A credential held in no vault or connector (a SaaS token, a partner API key, a password in a runbook), entered by
/// hand so its expiry and last use are tracked like any other. Only the fingerprint is given, never the value.
/// </summary>
public sealed record ManualCredentialDraft
{
    public required Guid IdentityId { get; init; }
    public required string Name { get; init; }
    public required CredentialKind Kind { get; init; }
    public required string Purpose { get; init; }
    public required string Store { get; init; }
    public required string StoreReference { get; init; }
    public required string Fingerprint { get; init; }
    public required DateTime IssuedUtc { get; init; }
    public DateTime? ExpiresUtc { get; init; }
    public DateTime? LastUsedUtc { get; init; }
}

/// <summary>What an owner or operator learns later about a vault-less credential: its new expiry, its last use.</summary>
public sealed record CredentialTrackingUpdate(Guid CredentialId, DateTime? ExpiresUtc, DateTime? LastUsedUtc, string Reason)
{
    /// <summary>The credential's version as the form showed it (<see cref="Inventory.CredentialRow.Version"/>); null: not checked against earlier edits.</summary>
    public int? ShownVersion { get; init; }
}

public static class ManualCredentialRules
{
    public const string DefaultStore = "manual";

    /// <summary>Every problem with a draft, by field, so a form can show each beside its input.</summary>
    public static IReadOnlyDictionary<string, string> Validate(ManualCredentialDraft draft, DateTime nowUtc)
    {
        var errors = new Dictionary<string, string>();
        Text(errors, nameof(draft.Name), draft.Name, 200);
        Text(errors, nameof(draft.Purpose), draft.Purpose, 500);
        Text(errors, nameof(draft.Store), draft.Store, 100);
        Text(errors, nameof(draft.StoreReference), draft.StoreReference, 500);
        foreach (var (field, value) in new[] { (nameof(draft.Name), draft.Name), (nameof(draft.Purpose), draft.Purpose), (nameof(draft.StoreReference), draft.StoreReference) })
        {
            if (!errors.ContainsKey(field) && SecretDetector.LooksLikeSecret(value.Trim()))
            {
                errors[field] = "This looks like a secret value. Enter where the credential lives, never the credential itself.";
            }
        }
        if (!Credentials.Fingerprint.TryParseEntered(draft.Fingerprint, out _, out var fingerprintProblem))
        {
            errors[nameof(draft.Fingerprint)] = fingerprintProblem;
        }
        if (draft.IssuedUtc > nowUtc)
        {
            errors[nameof(draft.IssuedUtc)] = "The issue date cannot be in the future.";
        }
        if (draft.ExpiresUtc is { } expires && expires <= draft.IssuedUtc)
        {
            errors[nameof(draft.ExpiresUtc)] = "The expiry must be after the issue date.";
        }
        if (draft.LastUsedUtc is { } used && (used < draft.IssuedUtc || used > nowUtc))
        {
            errors[nameof(draft.LastUsedUtc)] = "Last use must lie between the issue date and now.";
        }
        return errors;
    }

    public static string? ValidateTracking(CredentialTrackingUpdate update, DateTime issuedUtc, DateTime nowUtc)
    {
        if (Common.Reasons.Problem(update.Reason, "Give a reason (e.g. the renewal ticket)") is { } problem)
        {
            return problem;
        }
        if (update.ExpiresUtc is { } expires && expires <= issuedUtc)
        {
            return "The expiry must be after the issue date.";
        }
        if (update.LastUsedUtc is { } used && (used < issuedUtc || used > nowUtc))
        {
            return "Last use must lie between the issue date and now.";
        }
        return null;
    }

    private static void Text(Dictionary<string, string> errors, string field, string? value, int max)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors[field] = "Required.";
        }
        else if (value.Trim().Length > max)
        {
            errors[field] = $"At most {max} characters.";
        }
    }
}

/// <summary>Entering and updating vault-less credentials (operators and administrators).</summary>
public interface ICredentialRegistry
{
    Task<Guid> RegisterAsync(ManualCredentialDraft draft, CancellationToken ct = default);

    Task UpdateTrackingAsync(CredentialTrackingUpdate update, CancellationToken ct = default);
}

public sealed class CredentialValidationException(IReadOnlyDictionary<string, string> errors)
    : Exception("The credential was not saved: " + string.Join(" ", errors.Select(e => $"{e.Key}: {e.Value}")))
{
    public IReadOnlyDictionary<string, string> Errors { get; } = errors;
}
