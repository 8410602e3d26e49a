using NhiPortal.Core.Outbox;
using NhiPortal.Infrastructure.Hygiene;

namespace NhiPortal.Infrastructure.Outbox;

/// <summary>Coalesces "scores are stale" rows: any full request, or more identities than a targeted pass takes, becomes one full rescore.</summary>
public sealed class RescoreHandler(HygieneRescorer rescorer) : IFollowUpHandler
{
    public string Type => FollowUpTypes.Rescore;

    public int BatchSize => 10_000;

    public async Task HandleAsync(IReadOnlyList<OutboxMessage> batch, CancellationToken ct)
    {
        var payloads = batch.Select(FollowUps.Read<RescorePayload>).ToList();
        var identities = payloads.SelectMany(p => p.IdentityIds).ToHashSet();
        if (payloads.Any(p => p.All) || identities.Count > HygieneRescorer.TargetedLimit)
        {
            await rescorer.RescoreAllAsync(ct: ct);
        }
        else
        {
            await rescorer.RescoreIdentitiesAsync(identities, ct);
        }
    }
}
