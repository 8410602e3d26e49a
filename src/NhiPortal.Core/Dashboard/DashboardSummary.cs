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

    /// <summary>Accounts a discovery source found that nobody has confirmed an owner for yet (shadow accounts).</summary>
    public int DiscoveredUnowned { get; init; }

    /// <summary>When the figures were counted: the stored organisation-wide snapshot's time, or null when counted for this request.</summary>
    public DateTime? AsOfUtc { get; init; }
}

/// <summary>
/// The programme's own measures (OWASP NHI guidance): how much of what exists is known and owned, how fast static
/// secrets disappear, and how fast a compromised identity is contained.
/// </summary>
public sealed record ProgrammeMetrics
{
    /// <summary>Active credentials traced to an identity with an active owner, as a share of all active credentials found (shadow ones included).</summary>
    public required double? DiscoveryCoverage { get; init; }
    public required int AttributedCredentials { get; init; }
    public required int DiscoveredCredentials { get; init; }

    /// <summary>Static credentials at the latest rescore and at the last rescore at least <see cref="EliminationWindowDays"/> days before it.</summary>
    public required int? StaticNow { get; init; }
    public required int? StaticBefore { get; init; }
    public required DateTime? StaticBeforeUtc { get; init; }
    public int EliminationWindowDays { get; init; } = 30;

    /// <summary>Share of the earlier static credentials gone since (negative when static credentials grew).</summary>
    public double? StaticEliminationRate => StaticBefore is > 0 && StaticNow is { } now ? (StaticBefore.Value - now) / (double)StaticBefore.Value : null;

    /// <summary>Mean time from a revocation request (for a run a leak report started, from the report) to its last credential revoked, over completed runs.</summary>
    public required TimeSpan? MeanTimeToRespond { get; init; }
    public required int CompletedRevocationRuns { get; init; }

    /// <summary>Mean time from a leak report to the verified revocation of its credential, over the leaks that have one.</summary>
    public TimeSpan? MeanTimeLeakToRevocation { get; init; }
    public int VerifiedLeakRevocations { get; init; }

    /// <summary>When the figures were counted (the stored snapshot's time).</summary>
    public DateTime? AsOfUtc { get; init; }
}

public interface IDashboardQueries
{
    Task<DashboardSummary> GetSummaryAsync(CancellationToken ct = default);

    /// <summary>Organisation-wide figures, so only for callers who see everything; null for the others.</summary>
    Task<ProgrammeMetrics?> GetProgrammeMetricsAsync(CancellationToken ct = default);
}
