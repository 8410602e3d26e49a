using Microsoft.EntityFrameworkCore;
using NhiPortal.Core.Access;
using NhiPortal.Core.Approvals;
using NhiPortal.Core.Audit;
using NhiPortal.Core.Common;
using NhiPortal.Core.Outbox;
using NhiPortal.Infrastructure.Audit;
using NhiPortal.Infrastructure.Data;
using NhiPortal.Infrastructure.Outbox;
using NhiPortal.Infrastructure.Revocation;

namespace NhiPortal.Infrastructure.Approvals;

/// <summary>
/// Starts the revocation run a second person approved, as the approvals' system actor on behalf of both, with the
/// follow-up's id as the run's (a second delivery finds it). A request that can no longer be carried out (the
/// credentials went meanwhile) is recorded as Failed with the reason, audited; nothing half-done is left.
/// </summary>
public sealed class ApprovedRevocationHandler(IDbContextFactory<NhiPortalDbContext> dbFactory, RevocationRunStarter starter, AuditWriter audit)
    : IFollowUpHandler
{
    public string Type => FollowUpTypes.ApprovedRevocation;

    public int BatchSize => 1;

    public async Task HandleAsync(IReadOnlyList<OutboxMessage> batch, CancellationToken ct)
    {
        foreach (var message in batch)
        {
            var payload = FollowUps.Read<ApprovalPayloads.ApprovedRun>(message);
            ApprovalRequest approval;
            await using (var db = await dbFactory.CreateDbContextAsync(ct))
            {
                approval = await db.Approvals.AsNoTracking().SingleAsync(a => a.Id == payload.ApprovalId, ct);
            }
            var actor = PortalUser.System("approvals", $"{approval.RequestedByName}, approved by {approval.DecidedByName}", Capability.Revoke);
            var request = ApprovalPayloads.RevocationOf(approval.PayloadJson) with { RunId = message.Id };
            try
            {
                await starter.StartAsync(request, actor, message.Id, ct);
            }
            catch (Exception ex) when (ex is ValidationException or NotFoundException)
            {
                await FailAsync(payload.ApprovalId, actor, ex.Message, ct);
            }
        }
    }

    private async Task FailAsync(Guid approvalId, PortalUser actor, string why, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var approval = await db.Approvals.SingleAsync(a => a.Id == approvalId, ct);
        approval.Record($"Approved, but could not be carried out: {why}", failed: true);
        audit.Append(db, AuditStream.Access, AuditEventTypes.Access.ApprovalFailed, actor, "ApprovalRequest", approvalId.ToString("D"),
            $"The approved request could not be carried out: {why}", null, null, ApprovalCommands.Correlation(approvalId));
        await db.SaveChangesAsync(ct);
    }
}
