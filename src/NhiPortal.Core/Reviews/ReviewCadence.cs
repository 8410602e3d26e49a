using NhiPortal.Core.Hygiene;
using NhiPortal.Core.Inventory;

namespace NhiPortal.Core.Reviews;

/// <summary>
/// <c>Reviews:Cadence</c>: how often an NHI is reviewed in a risk-based recurring campaign, by its tier: Critical
/// privilege or grade F every <see cref="CriticalDays"/>, High privilege or grade D every <see cref="HighDays"/>,
/// Medium privilege every <see cref="MediumDays"/>, the rest every <see cref="LowDays"/>. The campaign recurs at the
/// shortest and each recurrence freezes only the NHIs due: those whose last review decision is older than their
/// cadence less the campaign's windows (every stage's) and a day (so a review decided late in the last stage is due again one cadence on).
/// </summary>
public sealed record ReviewCadence
{
    public int CriticalDays { get; init; } = 30;

    public int HighDays { get; init; } = 90;

    public int MediumDays { get; init; } = 180;

    public int LowDays { get; init; } = 365;

    /// <summary>How often the campaign itself recurs: the shortest cadence.</summary>
    public int RecurrenceDays => Math.Min(Math.Min(CriticalDays, HighDays), Math.Min(MediumDays, LowDays));

    public string? Problem() =>
        new[] { CriticalDays, HighDays, MediumDays, LowDays }.Any(d => d is < 1 or > 3660) ? "Reviews:Cadence days must be between 1 and 3660."
        : CriticalDays > HighDays || HighDays > MediumDays || MediumDays > LowDays ? "Reviews:Cadence must review riskier NHIs at least as often: CriticalDays ≤ HighDays ≤ MediumDays ≤ LowDays."
        : null;

    public int DaysFor(PrivilegeLevel privilege, int? score) =>
        privilege == PrivilegeLevel.Critical || score is { } f && HygieneGrades.Of(f) == HygieneGrade.F ? CriticalDays
        : privilege == PrivilegeLevel.High || score is { } d && HygieneGrades.Of(d) == HygieneGrade.D ? HighDays
        : privilege == PrivilegeLevel.Medium ? MediumDays
        : LowDays;

    /// <summary>An NHI reviewed (a last-stage decision) after this moment is not yet due.</summary>
    public static DateTime ReviewedSince(DateTime requestedUtc, int cadenceDays, int windowHours) =>
        requestedUtc.AddDays(-cadenceDays).AddHours(windowHours).AddDays(1);

    /// <summary>"critical or grade F every 30 days, high or D 90, medium 180, low 365", for the pages.</summary>
    public string Describe() => $"critical privilege or grade F every {CriticalDays} days, high or grade D every {HighDays}, medium every {MediumDays}, low every {LowDays}";
}
