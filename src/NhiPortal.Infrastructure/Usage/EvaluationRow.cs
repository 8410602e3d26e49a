using NhiPortal.Core.Credentials;
using NhiPortal.Core.Inventory;
using NhiPortal.Core.Usage;

namespace NhiPortal.Infrastructure.Usage;

/// <summary>A bucket with new uses, joined to its credential's standing and baseline: one row of the evaluator's single read.</summary>
internal sealed record EvaluationRow(
    Guid CredentialId, DateTime HourUtc, string Network, long Count, long Refused, long EvaluatedCount, DateTime FirstSeenUtc, DateTime LastSeenUtc,
    string? LastAddress, string? Target, DateTime UpdatedUtc, string CredentialName, Guid? IdentityId, CredentialState State, DateTime? StateChangedUtc,
    IdentityLifecycleState? IdentityState, Guid? OwnerId, UsageBaseline? Baseline)
{
    public BucketObservation Observation => new(HourUtc, Network, Count, Refused, Count - EvaluatedCount, FirstSeenUtc, LastSeenUtc, LastAddress, Target);
}
