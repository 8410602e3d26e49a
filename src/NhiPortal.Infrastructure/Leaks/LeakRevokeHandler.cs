using Microsoft.EntityFrameworkCore;
using NhiPortal.Core.Access;
using NhiPortal.Core.Credentials;
using NhiPortal.Core.Leaks;
using NhiPortal.Core.Outbox;
using NhiPortal.Core.Revocation;
using NhiPortal.Infrastructure.Data;
using NhiPortal.Infrastructure.Outbox;
using NhiPortal.Infrastructure.Revocation;

namespace NhiPortal.Infrastructure.Leaks;

/// <summary>
/// Starts the automatic revocation of a leaked credential as <c>system:leaks</c> on behalf of the reporter, through
/// the credential's own connector. The run takes the follow-up's id: a second delivery finds it and stops. The owner
/// and operators are told first (keyed notices), so a crash between the two loses neither.
/// </summary>
public sealed class LeakRevokeHandler(IDbContextFactory<NhiPortalDbContext> dbFactory, RevocationRunStarter starter, LeakNotices notices, IConnectorRegistry connectors)
    : IFollowUpHandler
{
    public string Type => FollowUpTypes.LeakRevoke;

    public int BatchSize => 1;

    public static PortalUser Actor(Guid reportId, string reportedBy) =>
        PortalUser.System("leaks", $"{reportedBy}, who reported leak {reportId:D}", Capability.Revoke);

    public async Task HandleAsync(IReadOnlyList<OutboxMessage> batch, CancellationToken ct)
    {
        foreach (var message in batch)
        {
            await HandleOneAsync(message, ct);
        }
    }

    private async Task HandleOneAsync(OutboxMessage message, CancellationToken ct)
    {
        var payload = FollowUps.Read<LeakRevokePayload>(message);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await db.RevocationRuns.AnyAsync(r => r.Id == message.Id, ct))
        {
            return;
        }
        var credential = await db.Credentials.AsNoTracking().Where(c => c.Id == payload.CredentialId).Select(c => new { c.State, c.Store }).SingleAsync(ct);
        var report = await db.LeakReports.SingleAsync(r => r.Id == payload.ReportId, ct);
        // Between the report and now the credential may have gone inactive, or its connector out of the configuration.
        if (credential.State != CredentialState.Active || connectors.For(credential.Store) is null)
        {
            report.Outcome = credential.State != CredentialState.Active ? LeakOutcome.AlreadyInactive : LeakOutcome.OwnerNotified;
            report.Note = credential.State != CredentialState.Active
                ? $"It went {credential.State.ToString().ToLowerInvariant()} before the automatic run started; a leaked old value may still work elsewhere."
                : $"No connector serves \"{credential.Store}\" any more: revoke it there by hand and record it.";
            report.RevocationRunId = null;
        }
        await db.SaveChangesAsync(ct);
        await notices.AddAsync(db, report.Id, ct);
        await db.SaveChangesAsync(ct);
        if (report.RevocationRunId is not null)
        {
            // The other holders of the value, if still active and still served by a connector.
            var others = (payload.AlsoRevoke ?? []).ToList();
            var alsoActive = others.Count == 0 ? [] : (await db.Credentials.AsNoTracking().Where(c => others.Contains(c.Id) && c.State == CredentialState.Active)
                .Select(c => new { c.Id, c.Store }).ToListAsync(ct)).Where(c => connectors.For(c.Store) is not null).Select(c => c.Id).OrderBy(id => id).ToList();
            await starter.StartAsync(new RevocationRequest([payload.CredentialId, .. alsoActive], payload.Reason), Actor(report.Id, payload.ReportedBy), message.Id, ct);
        }
    }
}
