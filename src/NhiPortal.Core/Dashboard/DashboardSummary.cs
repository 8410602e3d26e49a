using NhiPortal.Core.Access;

namespace NhiPortal.Core.Dashboard;

/// <summary>The headline numbers, already cut to what the caller may see.</summary>
public sealed record DashboardSummary
{
    public required AccessScope Scope { get; init; }
    public required int Identities { get; init; }
    public required int ActiveIdentities { get; init; }
    public required int Orphans { get; init; }
    public required int OwnersLeft { get; init; }
    public required int SharedOrBreakGlass { get; init; }
    public required int ActiveCredentials { get; init; }
    public required int ShadowCredentials { get; init; }
    public required int ExpiringSoon { get; init; }
    public required int ExpiringWithin7Days { get; init; }
    public required int PastExpiryStillActive { get; init; }
    public required int NeverRotatedOverOneYear { get; init; }
    public required int ExpiryWindowDays { get; init; }
}

public interface IDashboardQueries
{
    Task<DashboardSummary> GetSummaryAsync(CancellationToken ct = default);
}
