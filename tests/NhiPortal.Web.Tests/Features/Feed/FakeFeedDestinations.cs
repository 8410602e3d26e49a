using NhiPortal.Core.Feed;

namespace NhiPortal.Web.Tests.Features;

/// <summary>A feed service over a fixed list that records what the page asked it to do.</summary>
internal sealed class FakeFeedDestinations(params FeedDestinationRow[] rows) : IFeedDestinations
{
    private static readonly DateTime Now = new(2026, 12, 1, 10, 0, 0, DateTimeKind.Utc);

    public List<string> Calls { get; } = [];

    public static FeedDestinationRow Row(string name, long lag = 0, string? error = null, bool enabled = true) => new(
        Guid.NewGuid(), name, FeedKind.Syslog, FeedFormat.Ocsf, "127.0.0.1:6514", true, null, null, null, null, null, null, enabled,
        5000, 5000 + lag, lag, lag > 0 ? Now.AddMinutes(-3) : null, 5000, error is null ? 0 : 3, error is null ? 0 : 3, error, Now.AddMinutes(-4), null, Now, 1);

    public Task<IReadOnlyList<FeedDestinationRow>> ListAsync(CancellationToken ct = default) => Task.FromResult<IReadOnlyList<FeedDestinationRow>>(rows);

    public Task<FeedDestinationRow> SaveAsync(FeedDestinationInput input, CancellationToken ct = default)
    {
        // As the real service: the Core rules first.
        var valid = FeedDestinationRules.Validate(input);
        Calls.Add($"save {valid.Name} {valid.Kind} {valid.Address}");
        return Task.FromResult(Row(valid.Name));
    }

    public Task SetEnabledAsync(Guid id, bool enabled, int version, CancellationToken ct = default)
    {
        Calls.Add($"{(enabled ? "enable" : "disable")} {rows.Single(r => r.Id == id).Name}");
        return Task.CompletedTask;
    }

    public Task ReplayAsync(Guid id, long fromSequence, CancellationToken ct = default)
    {
        Calls.Add($"replay {rows.Single(r => r.Id == id).Name} from {fromSequence}");
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<FeedDestinationRow>> GetStatusAsync(CancellationToken ct = default) => Task.FromResult<IReadOnlyList<FeedDestinationRow>>(rows);
}
