namespace NhiPortal.Core.Feed;

/// <summary>The SIEM feed's destinations: administrators manage them (every change audited); operators watch their lag.</summary>
public interface IFeedDestinations
{
    Task<IReadOnlyList<FeedDestinationRow>> ListAsync(CancellationToken ct = default);

    /// <summary>Adds (no id) or changes a destination; audited with before and after.</summary>
    Task<FeedDestinationRow> SaveAsync(FeedDestinationInput input, CancellationToken ct = default);

    Task SetEnabledAsync(Guid id, bool enabled, int version, CancellationToken ct = default);

    /// <summary>Sends again every event from <paramref name="fromSequence"/> on (the receiver dedupes by id), then the chain heads; audited.</summary>
    Task ReplayAsync(Guid id, long fromSequence, CancellationToken ct = default);

    /// <summary>Each destination's lag, counts and last error, for the background-work page.</summary>
    Task<IReadOnlyList<FeedDestinationRow>> GetStatusAsync(CancellationToken ct = default);
}
