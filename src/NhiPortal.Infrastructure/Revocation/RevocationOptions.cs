using System.Threading.Channels;
using Microsoft.Extensions.Configuration;

namespace NhiPortal.Infrastructure.Revocation;

/// <summary><c>Revocation:{Parallelism, TimeoutSeconds, MaxAttempts, BackoffMilliseconds, StaleAfterSeconds}</c>.</summary>
public sealed record RevocationOptions
{
    public int Parallelism { get; init; } = 8;
    public double TimeoutSeconds { get; init; } = 15;
    public int MaxAttempts { get; init; } = 3;
    public int BackoffMilliseconds { get; init; } = 200;

    /// <summary>A running run whose heartbeat is older than this was cut off (a restart, a crash) and is marked interrupted.</summary>
    public int StaleAfterSeconds { get; init; } = 120;

    public static RevocationOptions Load(IConfiguration configuration) => configuration.GetSection("Revocation").Get<RevocationOptions>() ?? new RevocationOptions();
}

/// <summary>Runs waiting for the background worker; a request returns as soon as its run is recorded and queued.</summary>
public sealed class RevocationQueue
{
    private readonly Channel<Guid> _channel = Channel.CreateUnbounded<Guid>();

    public void Enqueue(Guid runId) => _channel.Writer.TryWrite(runId);

    public IAsyncEnumerable<Guid> ReadAllAsync(CancellationToken ct) => _channel.Reader.ReadAllAsync(ct);
}
