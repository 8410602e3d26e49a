using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using NhiPortal.Core.Access;
using NhiPortal.Core.Audit;
using NhiPortal.Core.Notifications;
using NhiPortal.Core.Usage;
using NhiPortal.Infrastructure.Audit;
using NhiPortal.Infrastructure.Data;
using NhiPortal.Infrastructure.Outbox;

namespace NhiPortal.Infrastructure.Usage;

/// <summary>
/// Turns findings into flags in the evaluator's transaction: each flag with its audit event on the credential's stream,
/// a notification to the identity's owner, one digest per pass to each SecurityOperator, and one rescore follow-up.
/// </summary>
public sealed class FlagWriter(AuditWriter audit, FollowUps followUps)
{
    internal static readonly JsonSerializerOptions Json = new() { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    private static readonly PortalUser Actor = PortalUser.System("usage-evaluation");

    internal async Task WriteAsync(NhiPortalDbContext db, IReadOnlyList<NewFlag> found, DateTime now, CancellationToken ct)
    {
        if (found.Count == 0)
        {
            return;
        }
        var flagRows = new List<AnomalyFlag>(found.Count);
        var auditRows = new List<AuditEvent>(found.Count);
        var notifications = new List<Notification>();
        var owners = (await db.StaffMembers.AsNoTracking().Where(s => s.IsActive).Select(s => new { s.Id, s.PortalRoles }).ToListAsync(ct));
        var active = owners.Select(s => s.Id).ToHashSet();
        foreach (var f in found)
        {
            var finding = f.Finding;
            var flag = new AnomalyFlag
            {
                CredentialId = f.CredentialId, IdentityId = f.IdentityId, Rule = finding.Rule, Severity = finding.Severity,
                OwaspCategory = AnomalyRules.CategoryName(finding.Category), Explanation = Core.Common.Reasons.Fit(finding.Explanation, 500),
                EvidenceJson = JsonSerializer.Serialize(finding.Evidence, Json), EvidenceKey = Core.Common.Reasons.Fit(finding.EvidenceKey, 200),
                ObservedUtc = finding.ObservedUtc, DetectedUtc = now,
            };
            flagRows.Add(flag);
            auditRows.Add(audit.Create(AuditStream.Credential, AuditEventTypes.Credential.AnomalyFlagged, Actor, "Credential", AuditWriter.TargetKey(f.CredentialId),
                $"{f.CredentialName}: {finding.Severity} anomaly, {AnomalyRules.Label(finding.Rule).ToLowerInvariant()}. {finding.Explanation}", null,
                new { Flag = flag.Id, finding.Rule, finding.Severity, Category = flag.OwaspCategory, finding.Evidence, finding.ObservedUtc }));
            if (f.OwnerId is { } owner && active.Contains(owner))
            {
                notifications.Add(new Notification
                {
                    RecipientId = owner, Kind = NotificationKinds.AnomalyFlagged, Title = $"{finding.Severity} anomaly on {f.CredentialName}",
                    Body = finding.Explanation, Link = f.IdentityId is { } id ? $"identities/{id}" : "anomalies", DedupKey = $"anomaly:{flag.Id:N}", CreatedUtc = now,
                });
            }
        }
        var operators = owners.Where(s => s.PortalRoles is { } roles && Core.Reviews.ReviewerCandidate.Roles(roles).Contains(PortalRole.SecurityOperator)).Select(s => s.Id);
        var critical = found.Count(f => f.Finding.Severity >= AnomalySeverity.High);
        var pass = Guid.NewGuid();
        foreach (var op in operators)
        {
            notifications.Add(new Notification
            {
                RecipientId = op, Kind = NotificationKinds.AnomalyFlagged, Title = $"{found.Count} new anomaly flag(s), {critical} high or critical",
                Body = string.Join(" ", found.Take(3).Select(f => $"{f.CredentialName}: {AnomalyRules.Label(f.Finding.Rule)}."))
                    + (found.Count > 3 ? $" And {found.Count - 3} more." : ""),
                Link = "anomalies", DedupKey = $"anomaly-pass:{pass:N}:{op:N}", CreatedUtc = now,
            });
        }
        if (db.Database.IsSqlite())
        {
            // A first pass over a large estate can raise tens of thousands of flags: prepared inserts, no change tracking.
            var connection = (Microsoft.Data.Sqlite.SqliteConnection)db.Database.GetDbConnection();
            using var flagWriter = new BulkInserter<AnomalyFlag>(db, connection);
            using var auditWriter = new BulkInserter<AuditEvent>(db, connection);
            using var notificationWriter = new BulkInserter<Notification>(db, connection);
            flagRows.ForEach(flagWriter.Insert);
            auditRows.ForEach(auditWriter.Insert);
            notifications.ForEach(notificationWriter.Insert);
        }
        else
        {
            db.AnomalyFlags.AddRange(flagRows);
            db.AuditEvents.AddRange(auditRows);
            db.Notifications.AddRange(notifications);
        }
        followUps.Rescore(db, Actor, found.Where(f => f.IdentityId is not null).Select(f => f.IdentityId!.Value), "anomaly flagged");
    }
}
