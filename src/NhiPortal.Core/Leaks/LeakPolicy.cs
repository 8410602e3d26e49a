using NhiPortal.Core.Credentials;
using NhiPortal.Core.Inventory;

namespace NhiPortal.Core.Leaks;

/// <summary>
/// Which environments revoke a leaked credential without waiting for a person (<c>Leaks:AutoRevokeEnvironments</c>,
/// default Production); elsewhere the owner and operators decide, with a one-click revoke.
/// </summary>
public sealed record LeakPolicy(IReadOnlySet<DeploymentEnvironment> AutoRevokeEnvironments)
{
    public static readonly LeakPolicy Default = new(new HashSet<DeploymentEnvironment> { DeploymentEnvironment.Production });

    /// <summary>Reads the configured names; none configured is the default, an unknown name stops the start.</summary>
    public static LeakPolicy FromNames(IEnumerable<string>? names)
    {
        var list = names?.Where(n => !string.IsNullOrWhiteSpace(n)).ToList();
        if (list is null || list.Count == 0)
        {
            return Default;
        }
        var environments = new HashSet<DeploymentEnvironment>();
        foreach (var name in list)
        {
            if (string.Equals(name.Trim(), "None", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }
            environments.Add(Enum.TryParse<DeploymentEnvironment>(name.Trim(), ignoreCase: true, out var e)
                ? e
                : throw new InvalidOperationException($"Leaks:AutoRevokeEnvironments names \"{name}\"; known: {string.Join(", ", Enum.GetNames<DeploymentEnvironment>())}, or None."));
        }
        return new LeakPolicy(environments);
    }

    /// <summary>What to do with a report, and why in one sentence (null when the outcome says it all).</summary>
    public (LeakOutcome Outcome, string? Note) Decide(CredentialState? matched, bool hasIdentity, DeploymentEnvironment? environment, bool hasConnector, string? store) =>
        matched switch
        {
            null => (LeakOutcome.Unmatched, "No credential known with this fingerprint: a shadow credential somewhere."),
            not CredentialState.Active => (LeakOutcome.AlreadyInactive,
                $"The credential is already {matched.Value.ToString().ToLowerInvariant()}, but a leaked old value may still work elsewhere (a copy, a cache, another system): check where it was used."),
            _ when !hasIdentity => (LeakOutcome.OwnerNotified, "A shadow credential (no identity, no owner): operators were told."),
            _ when environment is { } e && AutoRevokeEnvironments.Contains(e) && hasConnector => (LeakOutcome.AutoRevocationStarted, null),
            _ when environment is { } e && AutoRevokeEnvironments.Contains(e) =>
                (LeakOutcome.OwnerNotified, $"{e} revokes automatically, but no connector serves \"{store}\": revoke it there by hand and record it."),
            _ => (LeakOutcome.OwnerNotified, null),
        };
}
