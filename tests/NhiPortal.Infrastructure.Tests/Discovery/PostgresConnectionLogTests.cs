using NhiPortal.Core.Usage;
using NhiPortal.Infrastructure.Discovery.Postgres;

namespace NhiPortal.Infrastructure.Tests.Discovery;

/// <summary>The jsonlog reader on files written as the server writes them, including a line it is still writing.</summary>
public sealed class PostgresConnectionLogTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("nhiportal-pglog-").FullName;

    private static string Line(string user, string host, string message, string time = "2026-12-01 10:00:00.123 UTC") =>
        $$"""{"timestamp":"{{time}}","user":"{{user}}","dbname":"orders","pid":42,"remote_host":"{{host}}","remote_port":50000,"error_severity":"LOG","message":"{{message}}","backend_type":"client backend"}""" + "\n";

    [Fact]
    public async Task ReadAsync_AHalfWrittenLastLine_IsReadWholeNextTime_AndMalformedLinesAreCounted()
    {
        var path = Path.Combine(_directory, "postgresql-2026-12-01_100000.json");
        var third = Line("svc_c", "10.0.0.3", "connection authorized: user=svc_c database=orders", "2026-12-01 11:30:00.000 +01");
        await File.WriteAllTextAsync(path,
            Line("svc_a", "10.0.0.1", "connection authorized: user=svc_a database=orders application_name=psql")
            + "not json at all\n"
            + Line("svc_b", "10.0.0.2", "connection received: host=10.0.0.2 port=50000")
            + Line("svc_b", "10.0.0.2", "password authentication failed for user \\\"svc_b\\\"")
            + third[..40]);
        var log = new PostgresConnectionLog("pgsrc", _directory);

        var first = await log.ReadAsync(null, default);
        await File.AppendAllTextAsync(path, third[40..]);
        var second = await log.ReadAsync(first.NextCursor, default);
        var third2 = await log.ReadAsync(second.NextCursor, default);

        Assert.Equal(2, first.Events.Count);
        Assert.Equal(1, first.MalformedLines);
        Assert.Equal(("svc_a", "10.0.0.1", "orders", UsageOutcome.Succeeded), Tuple(first.Events[0]));
        Assert.Equal(new DateTime(2026, 12, 1, 10, 0, 0, 123, DateTimeKind.Utc), first.Events[0].TimeUtc);
        Assert.Equal(("svc_b", "10.0.0.2", "orders", UsageOutcome.Refused), Tuple(first.Events[1]));
        var c = Assert.Single(second.Events);
        Assert.Equal("svc_c", c.StoreReference);
        Assert.Equal(new DateTime(2026, 12, 1, 10, 30, 0, DateTimeKind.Utc), c.TimeUtc);
        Assert.Equal(0, second.MalformedLines);
        Assert.Empty(third2.Events);
        Assert.Equal(new FileInfo(path).Length, long.Parse(third2.NextCursor!.Split(':')[1], System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task ReadAsync_FilesAreReadInNameOrder_AndTheCursorMovesToTheNewestFile()
    {
        await File.WriteAllTextAsync(Path.Combine(_directory, "postgresql-2026-12-01_110000.json"), Line("svc_new", "10.0.0.9", "connection authorized: user=svc_new database=orders"));
        await File.WriteAllTextAsync(Path.Combine(_directory, "postgresql-2026-12-01_100000.json"), Line("svc_old", "10.0.0.8", "connection authorized: user=svc_old database=orders"));
        await File.WriteAllTextAsync(Path.Combine(_directory, "postgresql-2026-12-01_100000.csv"), "ignored\n");
        var log = new PostgresConnectionLog("pgsrc", _directory);

        var read = await log.ReadAsync(null, default);
        var again = await log.ReadAsync(read.NextCursor, default);

        Assert.Equal(["svc_old", "svc_new"], read.Events.Select(e => e.StoreReference));
        Assert.StartsWith("postgresql-2026-12-01_110000.json:", read.NextCursor, StringComparison.Ordinal);
        Assert.Empty(again.Events);
    }

    private static (string?, string?, string?, UsageOutcome) Tuple(UsageEvent e) => (e.StoreReference, e.SourceAddress, e.Target, e.Outcome);

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
