
namespace NhiPortal.Core.Revocation;

/// <summary>
/// Whether the old proof is still accepted: <see cref="StillAccepted"/> true after a revoke is a loud failure.
/// <see cref="TargetFound"/> false: the store has no such account, so nothing was verified; a missing target is never
/// a success ("not found: cannot verify"). Such a result is also not <see cref="Verifiable"/>, so a reader that knows
/// only that flag never counts it as verified dead.
/// </summary>
public sealed record ProbeResult(bool StillAccepted, string Detail, bool Verifiable = true, bool TargetFound = true)
{
    public static ProbeResult NotFound(string detail) => new(false, detail, Verifiable: false, TargetFound: false);
}
