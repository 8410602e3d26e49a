namespace NhiPortal.Core.Outbox;

/// <summary>Pending (waiting or retrying) → Done, or → Failed once the retries run out (a person can retry it).</summary>
public enum OutboxState
{
    Pending,
    Done,
    Failed,
}
