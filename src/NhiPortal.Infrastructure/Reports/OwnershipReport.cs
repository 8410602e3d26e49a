using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using NhiPortal.Core.Audit;
using NhiPortal.Core.Credentials;
using NhiPortal.Core.Ownership;
using NhiPortal.Core.Reports;
using NhiPortal.Infrastructure.Data;

namespace NhiPortal.Infrastructure.Reports;

/// <summary>Every orphan with its reason as of now; the period's ownership changes, attestations and leavers.</summary>
internal sealed class OwnershipReport(IDbContextFactory<NhiPortalDbContext> dbFactory) : IReportContentSource
{
    private static readonly ReportColumn[] OrphanColumns =
    [
        new("Identity", ColumnType.Text, 32), new("Kind", ColumnType.Text, 16), new("Environment", ColumnType.Text, 12), new("State", ColumnType.Text, 10),
        new("Why orphaned", ColumnType.Text, 16), new("Owner (if any)", ColumnType.Text, 24), new("Team", ColumnType.Text, 18),
        new("Active credentials", ColumnType.Integer, 10), new("Created (UTC)", ColumnType.DateTime, 19), new("Last activity (UTC)", ColumnType.DateTime, 19),
    ];

    private static readonly string[] ChangeTypes =
    [
        AuditEventTypes.Identity.OwnerChanged, AuditEventTypes.Identity.TeamChanged, AuditEventTypes.Identity.Orphaned,
        AuditEventTypes.Access.StaffMemberLeft, AuditEventTypes.Identity.Attested,
    ];

    public async Task<ReportContent> BuildAsync(NhiPortalDbContext db, ReportContext context, CancellationToken ct)
    {
        var reasons = await db.Identities.Where(OrphanRules.IsOrphan(db.StaffMembers, db.Teams))
            .Select(i => new { i.LifecycleState, i.OwnerId, OwnerActive = i.Owner != null && i.Owner.IsActive, TeamDissolved = i.Team != null && i.Team.IsDissolved })
            .ToListAsync(ct);
        var byReason = reasons.GroupBy(r => OrphanRules.ReasonFor(r.LifecycleState, r.OwnerId, r.OwnerActive, r.TeamDissolved)).ToDictionary(g => g.Key, g => g.Count());
        List<IReadOnlyList<object?>> summary = [["Why orphaned", "Identities"], .. byReason.OrderBy(r => r.Key).Select(r => (IReadOnlyList<object?>)[r.Key.ToString(), r.Value])];
        summary.Add(["Total", reasons.Count]);
        return new ReportContent(ReportCatalog.Ownership.Title, [new("Period (changes)", context.Period), new("Orphans", "as of generation time")],
            [new SummarySheet("Summary", summary, [24]) { HasHeader = true, BoldLastRow = true }],
            [
                new DataSheet("Orphans", OrphanColumns, OrphansAsync(ct)),
                new DataSheet("Ownership changes", AuditEventSheet.Columns(),
                    AuditEventSheet.RowsAsync(dbFactory, e => ChangeTypes.Contains(e.Type) && e.OccurredUtc >= context.From && e.OccurredUtc < context.To, ct)),
            ]);
    }

    public async Task<long> CountAsync(NhiPortalDbContext db, ReportContext context, CancellationToken ct) =>
        await db.Identities.Where(OrphanRules.IsOrphan(db.StaffMembers, db.Teams)).LongCountAsync(ct)
        + await db.AuditEvents.LongCountAsync(e => ChangeTypes.Contains(e.Type) && e.OccurredUtc >= context.From && e.OccurredUtc < context.To, ct);

    private async IAsyncEnumerable<object?[]> OrphansAsync([EnumeratorCancellation] CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var query = db.Identities.AsNoTracking().Where(OrphanRules.IsOrphan(db.StaffMembers, db.Teams)).OrderBy(i => i.Name).Select(i => new
        {
            i.Name, i.Kind, i.Environment, i.LifecycleState, i.OwnerId, Owner = i.Owner != null ? i.Owner.DisplayName : null,
            OwnerActive = i.Owner != null && i.Owner.IsActive, Team = i.Team != null ? i.Team.Name : null, TeamDissolved = i.Team != null && i.Team.IsDissolved,
            Active = i.Credentials.Count(c => c.State == CredentialState.Active), i.CreatedUtc, i.LastActivityUtc,
        });
        await foreach (var i in query.AsAsyncEnumerable().WithCancellation(ct))
        {
            yield return
            [
                i.Name, i.Kind.ToString(), i.Environment.ToString(), i.LifecycleState.ToString(),
                OrphanRules.ReasonFor(i.LifecycleState, i.OwnerId, i.OwnerActive, i.TeamDissolved).ToString(), i.Owner, i.Team, i.Active, i.CreatedUtc, i.LastActivityUtc,
            ];
        }
    }
}
