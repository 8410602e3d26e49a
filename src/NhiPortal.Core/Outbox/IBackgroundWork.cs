namespace NhiPortal.Core.Outbox;

/// <summary>The operators' view of what the portal does by itself: follow-ups waiting or failed, and each job's last run.</summary>
public interface IBackgroundWork
{
    Task<BackgroundWorkView> GetAsync(CancellationToken ct = default);

    /// <summary>Runs a failed (or waiting) follow-up again now; audited.</summary>
    Task RetryAsync(long sequence, CancellationToken ct = default);
}
