namespace NhiPortal.Core.Outbox;

/// <summary>
/// Follow-ups not yet done (oldest first, at most a page of them), counts and lag per kind, and every job's last run.
/// Lag is how long the oldest waiting follow-up of a kind has waited.
/// </summary>
public sealed record BackgroundWorkView(
    DateTime NowUtc, IReadOnlyList<FollowUpRow> FollowUps, IReadOnlyList<FollowUpKindRow> Kinds, IReadOnlyList<JobRow> Jobs, int OrphanedRuns);
