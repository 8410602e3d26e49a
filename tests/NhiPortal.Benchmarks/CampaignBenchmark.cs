using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NhiPortal.Core.Access;
using NhiPortal.Core.Common;
using NhiPortal.Core.Reviews;
using NhiPortal.Infrastructure;
using NhiPortal.Infrastructure.Audit;
using NhiPortal.Infrastructure.Connectors;
using NhiPortal.Infrastructure.Data;
using NhiPortal.Infrastructure.Notifications;
using NhiPortal.Infrastructure.Outbox;
using NhiPortal.Infrastructure.Revocation;

namespace NhiPortal.Benchmarks;

/// <summary>
/// An access review at the 1M scale on a copy of the file (it writes): a campaign over every active Staging NHI
/// started through the portal (request, then the background build through the outbox), a reviewer with 10,000
/// items reading their queue, the campaign page, and a close with 50,000 unanswered items and its remediation run;
/// each beside a bare SQL baseline of the same rows.
/// </summary>
internal static class CampaignBenchmark
{
    private const int QueueItems = 10_000;
    private const int Unanswered = 50_000;

    public static Task RunAsync(string path, int iterations) => FileCopy.RunOnCopyAsync(path, "campaign", copy => RunOnCopyAsync(copy, iterations));

    private static async Task RunOnCopyAsync(string path, int iterations)
    {
        var connectionString = $"Data Source={Path.GetFullPath(path)}";
        var factory = new RescoreBenchmark.Factory(DbContextOptionsFactory.Create(new DatabaseSettings(DatabaseProvider.Sqlite, connectionString, true)));
        await using (var db = factory.CreateDbContext())
        {
            await db.Database.MigrateAsync();
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
        }
        var directory = Directory.CreateTempSubdirectory("nhiportal-bench-campaign-").FullName;
        var caller = new Caller();
        await using var services = new ServiceCollection().AddLogging()
            .AddSingleton<IDbContextFactory<NhiPortalDbContext>>(factory).AddSingleton(TimeProvider.System)
            .AddSingleton<Core.Revocation.IConnectorRegistry>(new ConnectorRegistry([])).AddSingleton(new RevocationOptions()).AddSingleton(new SmtpSettings())
            .AddSingleton(AuditChainKey.CreateRandom()).AddSingleton(new AuditHeadsFile(Path.Combine(directory, "heads.jsonl")))
            .AddNhiServices().AddSingleton<ICurrentUser>(caller).BuildServiceProvider();
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        var (fallback, reviewerId, reviewerSubject) = await StaffAsync(connection);
        caller.User = new PortalUser("bench-operator", "Benchmark Operator", null, new HashSet<PortalRole> { PortalRole.SecurityOperator });

        // 1. Start: the request (validate, count, follow-up), then the background build the dispatcher runs.
        var commands = services.GetRequiredService<ICampaignCommands>();
        var watch = Stopwatch.StartNew();
        var id = await commands.CreateAsync(new CampaignDraft($"Staging review {DateTime.UtcNow:HHmmss}", ReviewScope.Environment, "Staging", fallback,
            UnansweredPolicy.RevokeCredentials, WindowHours: 24 * 7));
        var requestMs = watch.Elapsed.TotalMilliseconds;
        watch.Restart();
        // The follow-up's own handler, as the dispatcher calls it: other rows the file holds (a pending rescore) are not this benchmark's.
        await FollowUpAsync(services, factory, CampaignStartPayload.FollowUpType, id);
        var buildSeconds = watch.Elapsed.TotalSeconds;
        var items = Scalar(connection, "SELECT COUNT(*) FROM ReviewItems WHERE CampaignId = $c", id);
        var status = Text(connection, "SELECT Status FROM ReviewCampaigns WHERE Id = $c", id);
        var bare = BareStart(connection, id);
        Console.WriteLine($"Start over {items:N0} Staging NHIs ({status}): request {requestMs:N0} ms, background build {buildSeconds:N1} s ({items / buildSeconds:N0} items/s)");
        Console.WriteLine($"  bare: read scope + credentials {bare.Read:N1} s, prepared insert of the same {items:N0} item rows {bare.Insert:N1} s; portal / bare = {(requestMs / 1000 + buildSeconds) / (bare.Read + bare.Insert):N2}x");

        // 2. One reviewer with 10,000 open items (the first 10,000 by id are given to them), their queue and the campaign page.
        Execute(connection, $"UPDATE ReviewItems SET ReviewerId = $r WHERE Id IN (SELECT Id FROM ReviewItems WHERE CampaignId = $c ORDER BY Id LIMIT {QueueItems})", id, reviewerId);
        caller.User = new PortalUser(reviewerSubject, "Bench Reviewer", null, new HashSet<PortalRole> { PortalRole.Reviewer });
        var queue = services.GetRequiredService<IReviewQueue>();
        Report("queue: first page of 50 + count", iterations, async () => (await queue.MyQueuePageAsync(new PageRequest(0, 50))).TotalCount,
            () => BareQueue(connection, reviewerId, 0));
        Report("queue: last page (skip 9,950) + count", iterations, async () => (await queue.MyQueuePageAsync(new PageRequest(QueueItems - 50, 50))).TotalCount,
            () => BareQueue(connection, reviewerId, QueueItems - 50));
        caller.User = new PortalUser("bench-operator", "Benchmark Operator", null, new HashSet<PortalRole> { PortalRole.SecurityOperator });
        var campaigns = services.GetRequiredService<ICampaignQueries>();
        Report("campaign page: progress (counts, groups, signals)", Math.Min(iterations, 10), async () => (await campaigns.GetProgressAsync(id)).Campaign.Items,
            () => Rows(connection, """
                SELECT ReviewerId, ReviewerRule, TeamName, Status, Decision IS NOT NULL, COUNT(*) FROM ReviewItems WHERE CampaignId = $c GROUP BY 1, 2, 3, 4, 5;
                SELECT DecidedBy, DecidedUtc, Decision FROM ReviewItems WHERE CampaignId = $c AND Decision IS NOT NULL;
                """, id));
        Report("campaign page: items page 1 of 25 + count", iterations, async () => (await campaigns.GetItemsAsync(id, new PageRequest(0, 25))).TotalCount,
            () => Rows(connection, "SELECT COUNT(*) FROM ReviewItems WHERE CampaignId = $c; SELECT * FROM ReviewItems WHERE CampaignId = $c ORDER BY Id LIMIT 25;", id));

        // 3. Close with 50,000 unanswered: everything else decided (Keep) by bare SQL first.
        Execute(connection, $"""
            UPDATE ReviewItems SET Status = 'Decided', Decision = 'Keep', DecidedBy = 'bench', DecidedUtc = '2026-12-01 12:00:00'
            WHERE CampaignId = $c AND Id NOT IN (SELECT Id FROM ReviewItems WHERE CampaignId = $c ORDER BY Id DESC LIMIT {Unanswered})
            """, id);
        var bareClose = BareClose(connection, id);
        watch.Restart();
        await commands.CloseAsync(id);
        var closeSeconds = watch.Elapsed.TotalSeconds;
        watch.Restart();
        await FollowUpAsync(services, factory, Core.Outbox.FollowUpTypes.ReviewRemediation, id);
        var runSeconds = watch.Elapsed.TotalSeconds;
        var steps = Scalar(connection, "SELECT COUNT(*) FROM RevocationSteps WHERE RunId IN (SELECT RemediationRunId FROM ReviewItems WHERE CampaignId = $c)", id);
        var noResponse = Scalar(connection, "SELECT COUNT(*) FROM ReviewItems WHERE CampaignId = $c AND Decision IS NULL", id);
        Console.WriteLine($"Close with {noResponse:N0} unanswered: close {closeSeconds:N1} s, remediation run of {steps:N0} steps created {runSeconds:N1} s, total {closeSeconds + runSeconds:N1} s");
        Console.WriteLine($"  bare: one UPDATE of the {Unanswered:N0} items + their events + the run's steps by INSERT ... SELECT {bareClose:N1} s; portal / bare = {(closeSeconds + runSeconds) / bareClose:N2}x");
        Directory.Delete(directory, recursive: true);
    }

    private static async Task FollowUpAsync(ServiceProvider services, RescoreBenchmark.Factory factory, string type, Guid campaign)
    {
        await using var db = factory.CreateDbContext();
        var subject = campaign.ToString("D");
        var message = await db.Outbox.AsNoTracking().SingleAsync(m => m.Type == type && m.SubjectId == subject && m.CompletedUtc == null);
        await services.GetServices<IFollowUpHandler>().Single(h => h.Type == type).HandleAsync([message], default);
        await db.Outbox.Where(m => m.Id == message.Id).ExecuteUpdateAsync(s => s.SetProperty(m => m.CompletedUtc, DateTime.UtcNow));
    }

    private static (double Read, double Insert) BareStart(SqliteConnection connection, Guid campaign)
    {
        var watch = Stopwatch.StartNew();
        using (var read = connection.CreateCommand())
        {
            read.CommandText = """
                SELECT i.Id, i.Name, i.OwnerId, o.DisplayName, o.IsActive, o.PortalRoles, t.Name, t.LeadId, i.HygieneScore, i.Entitlements, i.LastActivityUtc,
                       i.LastAttestedUtc, i.IsShared, i.IsBreakGlass, i.IsVendorManaged, i.PrivilegeLevel, c.Name, c.Kind, c.HygieneScore, c.LastUsedUtc
                FROM Identities i LEFT JOIN StaffMembers o ON o.Id = i.OwnerId LEFT JOIN Teams t ON t.Id = i.TeamId
                LEFT JOIN Credentials c ON c.IdentityId = i.Id AND c.State = 'Active'
                WHERE i.Environment = 'Staging' AND i.LifecycleState = 'Active'
                """;
            using var reader = read.ExecuteReader();
            var values = new object[reader.FieldCount];
            while (reader.Read())
            {
                reader.GetValues(values);
            }
        }
        var readSeconds = watch.Elapsed.TotalSeconds;
        var rows = new List<object[]>();
        using (var all = connection.CreateCommand())
        {
            all.CommandText = "SELECT * FROM ReviewItems WHERE CampaignId = $c";
            all.Parameters.AddWithValue("$c", campaign.ToString("D").ToUpperInvariant());
            using var reader = all.ExecuteReader();
            while (reader.Read())
            {
                var values = new object[reader.FieldCount];
                reader.GetValues(values);
                rows.Add(values);
            }
        }
        Execute(connection, "DROP TABLE IF EXISTS BenchItems; CREATE TABLE BenchItems AS SELECT * FROM ReviewItems WHERE 0; " +
            "CREATE INDEX IX_B1 ON BenchItems (CampaignId, Status); CREATE INDEX IX_B2 ON BenchItems (ReviewerId, Status, EvidenceScore); CREATE INDEX IX_B3 ON BenchItems (IdentityId);");
        watch.Restart();
        using (var transaction = connection.BeginTransaction())
        using (var insert = connection.CreateCommand())
        {
            var width = rows[0].Length;
            insert.CommandText = $"INSERT INTO BenchItems VALUES ({string.Join(", ", Enumerable.Range(0, width).Select(i => $"$p{i}"))})";
            var parameters = Enumerable.Range(0, width).Select(i => insert.Parameters.Add($"$p{i}", SqliteType.Text)).ToArray();
            insert.Prepare();
            foreach (var row in rows)
            {
                for (var i = 0; i < width; i++)
                {
                    parameters[i].Value = row[i];
                }
                insert.ExecuteNonQuery();
            }
            transaction.Commit();
        }
        var insertSeconds = watch.Elapsed.TotalSeconds;
        Execute(connection, "DROP TABLE BenchItems;");
        return (readSeconds, insertSeconds);
    }

    private static int BareQueue(SqliteConnection connection, Guid reviewer, int skip)
    {
        using var page = connection.CreateCommand();
        page.CommandText = $"""
            SELECT i.*, c.Name, c.DeadlineUtc FROM ReviewItems i JOIN ReviewCampaigns c ON c.Id = i.CampaignId
            WHERE i.ReviewerId = $r AND i.Status IN ('Pending', 'Escalated') AND c.Status = 'Active'
            ORDER BY COALESCE(i.EvidenceScore, 101), c.DeadlineUtc, i.Id LIMIT 50 OFFSET {skip}
            """;
        page.Parameters.AddWithValue("$r", reviewer.ToString("D").ToUpperInvariant());
        using (var reader = page.ExecuteReader())
        {
            var values = new object[reader.FieldCount];
            while (reader.Read())
            {
                reader.GetValues(values);
            }
        }
        page.CommandText = """
            SELECT COUNT(*) FROM ReviewItems i JOIN ReviewCampaigns c ON c.Id = i.CampaignId
            WHERE i.ReviewerId = $r AND i.Status IN ('Pending', 'Escalated') AND c.Status = 'Active'
            """;
        return Convert.ToInt32(page.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>The least a close does, rolled back: the items, an event row each, and a step per active credential of theirs.</summary>
    private static double BareClose(SqliteConnection connection, Guid campaign)
    {
        var watch = Stopwatch.StartNew();
        using var transaction = connection.BeginTransaction();
        Execute(connection, "UPDATE ReviewItems SET Status = 'NoResponse', Version = Version + 1 WHERE CampaignId = $c AND Status IN ('Pending', 'Escalated')", campaign);
        Execute(connection, """
            INSERT INTO AuditEvents (Stream, Type, OccurredUtc, Actor, TargetType, TargetId, Summary, CorrelationId, Mac)
            SELECT 'Review', 'ReviewItemNoResponse', '2026-12-01 12:00:00', 'bench', 'ReviewItem', Id, IdentityName || ': no answer', 'bench', 'bench'
            FROM ReviewItems WHERE CampaignId = $c AND Status = 'NoResponse'
            """, campaign);
        Execute(connection, """
            INSERT INTO RevocationRuns (Id, Reason, RequestedBy, RequestedByName, RequestedUtc, Status, DisableIdentity, Executions)
            VALUES ('BENCH', 'bench', 'bench', 'bench', '2026-12-01 12:00:00', 'Requested', 0, 0);
            INSERT INTO RevocationSteps (RunId, CredentialId, CredentialName, IdentityId, Connector, Status, Attempts)
            SELECT 'BENCH', cr.Id, cr.Name, cr.IdentityId, 'manual', 'Pending', 0 FROM ReviewItems i JOIN Credentials cr ON cr.IdentityId = i.IdentityId AND cr.State = 'Active'
            WHERE i.CampaignId = $c AND i.Status = 'NoResponse'
            """, campaign);
        var seconds = watch.Elapsed.TotalSeconds;
        transaction.Rollback();
        return seconds;
    }

    private static void Report(string name, int iterations, Func<Task<int>> portal, Func<int> bare)
    {
        var (mine, theirs) = (new List<double>(), new List<double>());
        for (var run = -3; run < iterations; run++)
        {
            var start = Stopwatch.GetTimestamp();
            bare();
            var bareMs = Timing.Milliseconds(start);
            start = Stopwatch.GetTimestamp();
            portal().GetAwaiter().GetResult();
            var portalMs = Timing.Milliseconds(start);
            if (run >= 0)
            {
                theirs.Add(bareMs);
                mine.Add(portalMs);
            }
        }
        var (bm, bp) = Timing.Summarise(theirs);
        var (pm, pp) = Timing.Summarise(mine);
        Console.WriteLine($"  {name,-52} bare {bm,8:N2} ({bp:N2}) ms   portal {pm,8:N2} ({pp:N2}) ms   {pm / Math.Max(bm, 0.001),6:N2}x");
    }

    private static async Task<(Guid Fallback, Guid Reviewer, string Subject)> StaffAsync(SqliteConnection connection)
    {
        await Task.CompletedTask;
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT Id, Subject FROM StaffMembers WHERE IsActive = 1 ORDER BY Id LIMIT 2";
        using var reader = command.ExecuteReader();
        reader.Read();
        var fallback = Guid.Parse(reader.GetString(0));
        reader.Read();
        return (fallback, Guid.Parse(reader.GetString(0)), reader.GetString(1));
    }

    private static void Execute(SqliteConnection connection, string sql, Guid campaign, Guid? reviewer = null)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$c", campaign.ToString("D").ToUpperInvariant());
        if (reviewer is { } r)
        {
            command.Parameters.AddWithValue("$r", r.ToString("D").ToUpperInvariant());
        }
        command.ExecuteNonQuery();
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static int Rows(SqliteConnection connection, string sql, Guid campaign)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$c", campaign.ToString("D").ToUpperInvariant());
        using var reader = command.ExecuteReader();
        var rows = 0;
        do
        {
            while (reader.Read())
            {
                rows++;
            }
        }
        while (reader.NextResult());
        return rows;
    }

    private static int Scalar(SqliteConnection connection, string sql, Guid campaign)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$c", campaign.ToString("D").ToUpperInvariant());
        return Convert.ToInt32(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static string? Text(SqliteConnection connection, string sql, Guid campaign)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$c", campaign.ToString("D").ToUpperInvariant());
        return command.ExecuteScalar() as string;
    }

    private sealed class Caller : ICurrentUser
    {
        public PortalUser User { get; set; } = PortalUser.Anonymous;

        public Task<PortalUser> GetAsync() => Task.FromResult(User);
    }
}
