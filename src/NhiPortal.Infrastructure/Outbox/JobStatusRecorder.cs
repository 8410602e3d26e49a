using Microsoft.EntityFrameworkCore;
using NhiPortal.Core.Common;
using NhiPortal.Core.Outbox;
using NhiPortal.Infrastructure.Data;

namespace NhiPortal.Infrastructure.Outbox;

/// <summary>Records each background job's last run (when, how long, what it did, its error) for the background-work page.</summary>
public sealed class JobStatusRecorder(IDbContextFactory<NhiPortalDbContext> dbFactory, TimeProvider clock)
{
    /// <summary>This process, as job statuses name it.</summary>
    public static readonly string Instance = $"{Environment.MachineName}:{Environment.ProcessId}";

    /// <summary>
    /// A lease or run holder's name: this process plus an id of its own, so two holders never take each other for the
    /// same one (two portals in one test process, or two jobs in one portal).
    /// </summary>
    public static string NewHolder() => $"{Instance}:{Guid.NewGuid():N}";

    public Task SucceededAsync(string job, DateTime startedUtc, string outcome, CancellationToken ct) =>
        RecordAsync(job, startedUtc, s =>
        {
            s.LastSucceededUtc = s.LastFinishedUtc;
            s.LastError = null;
            s.LastOutcome = Reasons.Fit(outcome, 300);
        }, ct);

    /// <summary>
    /// Records a failed run. Never throws: it is called from the jobs' error handlers, and when the database itself is
    /// what failed, an exception here would end the job's loop (and with it the host); the job has logged the error.
    /// </summary>
    public async Task FailedAsync(string job, DateTime startedUtc, Exception error, CancellationToken ct)
    {
        try
        {
            await RecordAsync(job, startedUtc, s => s.LastError = Reasons.Fit($"{error.GetType().Name}: {error.Message}", 1000), ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            // Nothing more to do: the failure is in the log, and the next run records itself again.
        }
    }

    /// <summary>Runs a job's pass and records how it went; the pass's own error still reaches the caller.</summary>
    public async Task<T> RunAsync<T>(string job, Func<CancellationToken, Task<T>> pass, Func<T, string> describe, CancellationToken ct)
    {
        var started = clock.GetUtcNow().UtcDateTime;
        try
        {
            var result = await pass(ct);
            await SucceededAsync(job, started, describe(result), ct);
            return result;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            await FailedAsync(job, started, ex, CancellationToken.None);
            throw;
        }
    }

    private async Task RecordAsync(string job, DateTime startedUtc, Action<JobStatus> apply, CancellationToken ct)
    {
        try
        {
            await TryRecordAsync(job, startedUtc, apply, ct);
        }
        catch (DbUpdateException)
        {
            // Another instance wrote the same job's first record at that moment (or the database was busy): once more.
            await TryRecordAsync(job, startedUtc, apply, ct);
        }
    }

    private async Task TryRecordAsync(string job, DateTime startedUtc, Action<JobStatus> apply, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var status = await db.JobStatuses.SingleOrDefaultAsync(s => s.Name == job, ct);
        if (status is null)
        {
            status = new JobStatus { Name = job };
            db.JobStatuses.Add(status);
        }
        var now = clock.GetUtcNow().UtcDateTime;
        status.LastStartedUtc = startedUtc;
        status.LastFinishedUtc = now;
        status.LastDurationMs = (long)(now - startedUtc).TotalMilliseconds;
        status.LastInstance = Instance;
        status.Runs++;
        apply(status);
        await db.SaveChangesAsync(ct);
    }
}
