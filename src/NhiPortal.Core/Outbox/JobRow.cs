namespace NhiPortal.Core.Outbox;

public sealed record JobRow(
    string Name, DateTime? LastStartedUtc, DateTime? LastFinishedUtc, DateTime? LastSucceededUtc, long? LastDurationMs, string? LastError, string? LastOutcome,
    string? LastInstance, long Runs, string? LeaseHolder, DateTime? LeaseExpiresUtc);
