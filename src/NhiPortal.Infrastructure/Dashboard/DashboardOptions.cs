using Microsoft.Extensions.Configuration;

namespace NhiPortal.Infrastructure.Dashboard;

/// <summary>
/// When the organisation's dashboard figures are counted again (section <c>Dashboard</c>). A view counts them itself
/// while counting is cheap (the last count took at most <see cref="InlineBudgetMs"/>); past that, the refresh job does,
/// after a change no sooner than <see cref="MinRefreshSeconds"/> or ten times the last count's duration, and at least
/// every <see cref="MaxAgeMinutes"/> (expiry figures move with the clock alone).
/// </summary>
public sealed record DashboardOptions
{
    public int CheckSeconds { get; init; } = 10;

    public int MinRefreshSeconds { get; init; } = 30;

    public int MaxAgeMinutes { get; init; } = 15;

    public int InlineBudgetMs { get; init; } = 1_000;

    public static DashboardOptions Load(IConfiguration config) => config.GetSection("Dashboard").Get<DashboardOptions>() ?? new DashboardOptions();
}
