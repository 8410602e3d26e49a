using NhiPortal.Core.Common;
using NhiPortal.Core.Usage;

namespace NhiPortal.Web.Tests;

internal sealed class FakeAnomalies : IAnomalyQueries, IAnomalyTriage
{
    public List<AnomalyRow> Rows { get; } = [];

    public List<(string Action, Guid Flag, string Detail)> Calls { get; } = [];

    public AnomalyCounts Counts { get; set; } = new(Enum.GetValues<AnomalySeverity>().ToDictionary(s => s, _ => 0), null, 0);

    public Task<Page<AnomalyRow>> QueryAsync(AnomalyFilter filter, int skip, int take, CancellationToken ct = default) =>
        Task.FromResult(new Page<AnomalyRow>(Rows.Where(r => filter.Status is null || r.Status == filter.Status).ToList(), Rows.Count));

    public Task<AnomalyCounts> GetCountsAsync(CancellationToken ct = default) => Task.FromResult(Counts);

    public Task AcknowledgeAsync(Guid flagId, string reason, CancellationToken ct = default) => Record("ack", flagId, reason);

    public Task MarkFalsePositiveAsync(Guid flagId, string reason, CancellationToken ct = default) => Record("fp", flagId, reason);

    public Task MarkRevokedAsync(Guid flagId, Guid revocationRunId, CancellationToken ct = default) => Record("revoked", flagId, revocationRunId.ToString());

    private Task Record(string action, Guid flag, string detail)
    {
        Calls.Add((action, flag, detail));
        return Task.CompletedTask;
    }

    public static AnomalyRow Row(AnomalySeverity severity = AnomalySeverity.High, AnomalyStatus status = AnomalyStatus.Open) => new(
        Guid.NewGuid(), Guid.NewGuid(), "pg-orders-app", Guid.NewGuid(), "orders-service", AnomalyRule.NewSourceNetwork, severity, "NHI2:2025 Secret Leakage",
        "Used from 192.168.7.9 (192.168.7.0/24), a network not seen in its 20 days of history (1 known network(s)).", """{"Network":"192.168.7.0/24"}""",
        new DateTime(2026, 11, 23, 8, 0, 0, DateTimeKind.Utc), new DateTime(2026, 11, 23, 8, 0, 5, DateTimeKind.Utc), status, null, null, null);
}
