namespace NhiPortal.Core.Revocation;

/// <summary>The run states' one rule, shared by every view of a run.</summary>
public static class RevocationRunStates
{
    /// <summary>Completed, partially failed or interrupted: nothing more happens until someone retries.</summary>
    public static bool IsFinished(this RevocationRunStatus status) =>
        status is RevocationRunStatus.Completed or RevocationRunStatus.PartiallyFailed or RevocationRunStatus.Interrupted;
}
