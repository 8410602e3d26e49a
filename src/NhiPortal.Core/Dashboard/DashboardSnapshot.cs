namespace NhiPortal.Core.Dashboard;

/// <summary>
/// The organisation-wide dashboard figures as the refresh job last computed them: counting a million identities and
/// three million credentials takes seconds, so every viewer reads this row instead, with its age shown on the page.
/// </summary>
public sealed class DashboardSnapshot
{
    /// <summary>One row per audience; today only <see cref="Organisation"/>.</summary>
    public required string Id { get; set; }

    public const string Organisation = "organisation";

    public required DateTime ComputedUtc { get; set; }

    /// <summary>The newest audit event id when the computation began: every change writes one, so a higher id means newer data.</summary>
    public required long AuditCursor { get; set; }

    public required string SummaryJson { get; set; }

    public required string ProgrammeJson { get; set; }

    public long ElapsedMs { get; set; }
}
