using Microsoft.Extensions.Configuration;

namespace NhiPortal.Infrastructure.Revocation;

/// <summary><c>Revocation:{Parallelism, TimeoutSeconds, MaxAttempts, BackoffMilliseconds, StaleAfterSeconds, PollSeconds}</c>.</summary>
public sealed record RevocationOptions
{
    public int Parallelism { get; init; } = 8;
    public double TimeoutSeconds { get; init; } = 15;
    public int MaxAttempts { get; init; } = 3;
    public int BackoffMilliseconds { get; init; } = 200;

    /// <summary>A running run whose heartbeat is older than this lost its instance (a crash, a kill): any live instance takes it over.</summary>
    public int StaleAfterSeconds { get; init; } = 45;

    /// <summary>How often each instance looks for runs nobody holds.</summary>
    public int PollSeconds { get; init; } = 10;

    public static RevocationOptions Load(IConfiguration configuration) => configuration.GetSection("Revocation").Get<RevocationOptions>() ?? new RevocationOptions();
}
