using System.Diagnostics;
using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using NhiPortal.Core.Access;
using NhiPortal.Core.Credentials;
using NhiPortal.Core.Revocation;
using NhiPortal.Infrastructure.Data;
using NhiPortal.Infrastructure.Outbox;

namespace NhiPortal.Infrastructure.Revocation;

/// <summary>
/// Executes a run: each step's connector is called in parallel (bounded), with a timeout per call and bounded retries
/// with backoff; after a reported success the probe checks the proof is really dead. One writer records outcomes in
/// batches (step, credential state and credential events in one transaction), so 100,000 steps never become one
/// giant request and progress is visible as it happens. Only steps that are not final run again.
/// </summary>
public sealed class RevocationExecutor(
    IDbContextFactory<NhiPortalDbContext> dbFactory, IConnectorRegistry connectors, TimeProvider clock,
    RevocationOptions options, RevocationOutcomeWriter outcomeWriter, IRevocationRunEvents events,
    ILogger<RevocationExecutor> logger)
{
    private readonly string _holder = JobStatusRecorder.NewHolder();

    private sealed record Work(long StepId, CredentialRef Credential, string Connector, Guid? IdentityId, CredentialState State, int PriorAttempts);



    /// <summary>Claims the run (unless another instance holds a fresh claim) and executes its open steps.</summary>
    public async Task<RevocationRunStatus?> ExecuteAsync(Guid runId, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var stale = now.AddSeconds(-options.StaleAfterSeconds);
        List<Work> work;
        PortalUser actor;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            var claimed = await db.RevocationRuns
                .Where(r => r.Id == runId && (r.Status != RevocationRunStatus.Running || r.HeartbeatUtc < stale || r.Holder == _holder))
                .ExecuteUpdateAsync(s => s
                    .SetProperty(r => r.Status, RevocationRunStatus.Running)
                    .SetProperty(r => r.Holder, _holder)
                    .SetProperty(r => r.HeartbeatUtc, now)
                    .SetProperty(r => r.StartedUtc, r => r.StartedUtc ?? now)
                    .SetProperty(r => r.Executions, r => r.Executions + 1), ct);
            if (claimed == 0)
            {
                return null;
            }
            events.Publish(runId);
            var requester = await db.RevocationRuns.Where(r => r.Id == runId).Select(r => new { r.RequestedBy, r.RequestedByName, r.Reason }).SingleAsync(ct);
            var context = new RevocationContext(runId, requester.Reason);
            // The run's events name whoever asked for it; work the portal does by itself also says whom it acted for.
            actor = PortalUser.Requester(requester.RequestedBy, requester.RequestedByName);
            work = await db.RevocationSteps.AsNoTracking()
                .Where(s => s.RunId == runId).Where(RevocationStep.IsOpen)
                .Join(db.Credentials, s => s.CredentialId, c => c.Id, (s, c) => new { s.Id, s.Connector, s.Attempts, c })
                .Select(x => new Work(x.Id, new CredentialRef(x.c.Id, x.c.Name, x.c.Kind, x.c.Store, x.c.StoreReference, x.c.Fingerprint, null), x.Connector, x.c.IdentityId, x.c.State, x.Attempts))
                .ToListAsync(ct);
            // Every connector call carries the run and its reason (a webhook receiver logs the incident id with it).
            work = work.Select(w => w with { Credential = w.Credential with { Run = context } }).ToList();
        }

        var outcomes = Channel.CreateBounded<RevocationOutcome>(new BoundedChannelOptions(RevocationOutcomeWriter.FlushBatch * 4) { SingleReader = true });
        var writer = outcomeWriter.WriteAsync(runId, actor, outcomes.Reader, ct);
        // Slow connectors may leave minutes between batches: the heartbeat says this instance is still at it, so no
        // other instance takes the run over while it is alive, and one does within a minute when it dies.
        using var beating = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var heartbeat = BeatAsync(runId, beating.Token);
        try
        {
            await Parallel.ForEachAsync(work, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, options.Parallelism), CancellationToken = ct },
                async (item, token) =>
                {
                    var outcome = await RunStepAsync(item, token);
                    // A re-run adds its attempts to the ones before it.
                    await outcomes.Writer.WriteAsync(outcome with { Attempts = item.PriorAttempts + outcome.Attempts }, token);
                });
        }
        finally
        {
            outcomes.Writer.TryComplete();
            await writer;
            await beating.CancelAsync();
            await heartbeat;
        }

        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            var open = await db.RevocationSteps.Where(s => s.RunId == runId).CountAsync(RevocationStep.IsOpen, ct);
            var status = open == 0 ? RevocationRunStatus.Completed : RevocationRunStatus.PartiallyFailed;
            var done = clock.GetUtcNow().UtcDateTime;
            await db.RevocationRuns.Where(r => r.Id == runId).ExecuteUpdateAsync(s => s
                .SetProperty(r => r.Status, status).SetProperty(r => r.CompletedUtc, done).SetProperty(r => r.HeartbeatUtc, done), ct);
            events.Publish(runId);
            if (Telemetry.PortalMeters.RevocationRunDuration.Enabled)
            {
                try
                {
                    var requested = await db.RevocationRuns.Where(r => r.Id == runId).Select(r => r.RequestedUtc).SingleAsync(ct);
                    Telemetry.PortalMeters.RevocationRunDuration.Record((done - requested).TotalSeconds, new KeyValuePair<string, object?>("status", status.ToString()));
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // The run is finished and recorded; a metric that cannot be read does not change that.
                    logger.LogWarning(ex, "Revocation run {Run}: its duration could not be recorded", runId);
                }
            }
            logger.LogInformation("Revocation run {Run}: {Status}, {Steps} steps executed, {Open} open", runId, status, work.Count, open);
            return status;
        }
    }

    private async Task<RevocationOutcome> RunStepAsync(Work item, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        long Elapsed() => (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        var c = item.Credential;
        if (item.State == CredentialState.Revoked)
        {
            // Idempotent: a credential revoked earlier (another run, a manual record) stays revoked and is not touched again.
            var at = clock.GetUtcNow().UtcDateTime;
            return new RevocationOutcome(item.StepId, c.CredentialId, c.Name, item.IdentityId, RevocationStepStatus.Verified, 0, "already revoked", null, at, Elapsed(), false, false, false);
        }
        var connector = item.Connector == RevocationStep.ManualConnectorName ? Connectors.ManualConnector.Instance : connectors.For(item.Connector);
        if (connector is null)
        {
            return new RevocationOutcome(item.StepId, c.CredentialId, c.Name, item.IdentityId, RevocationStepStatus.Failed, 0,
                $"no connector named \"{item.Connector}\" is configured any more", null, null, Elapsed(), false, false, false);
        }

        string detail = "";
        for (var attempt = 1; attempt <= options.MaxAttempts; attempt++)
        {
            try
            {
                var revoked = await WithTimeoutAsync(token => connector.RevokeAsync(c, token), ct);
                if (!revoked.Succeeded)
                {
                    detail = revoked.Detail;
                    if (!revoked.Retryable)
                    {
                        // Not found, or refused as outside what the connector may manage: a person must look, not a retry.
                        return new RevocationOutcome(item.StepId, c.CredentialId, c.Name, item.IdentityId, RevocationStepStatus.Failed, attempt,
                            Truncate(detail), null, null, Elapsed(), false, false, false);
                    }
                }
                else
                {
                    var revokedAt = clock.GetUtcNow().UtcDateTime;
                    var probe = await WithTimeoutAsync(token => connector.ProbeAsync(c, token), ct);
                    if (!probe.TargetFound)
                    {
                        // Gone between the revoke and the probe: nothing was verified, and a missing target is never a success.
                        return new RevocationOutcome(item.StepId, c.CredentialId, c.Name, item.IdentityId, RevocationStepStatus.Failed, attempt,
                            Truncate($"{revoked.Detail}; {probe.Detail}"), null, null, Elapsed(), false, true, false);
                    }
                    if (!probe.Verifiable)
                    {
                        // Manual: the person's word is the record; nothing to verify.
                        return new RevocationOutcome(item.StepId, c.CredentialId, c.Name, item.IdentityId, RevocationStepStatus.Revoked, attempt,
                            $"{revoked.Detail}; {probe.Detail}", revokedAt, null, Elapsed(), connector.Kind == Connectors.ConnectorKinds.Manual, true, false);
                    }
                    if (!probe.StillAccepted)
                    {
                        return new RevocationOutcome(item.StepId, c.CredentialId, c.Name, item.IdentityId, RevocationStepStatus.Verified, attempt,
                            $"{revoked.Detail}; verified: {probe.Detail}", revokedAt, clock.GetUtcNow().UtcDateTime, Elapsed(), true, true, false);
                    }
                    detail = $"{revoked.Detail}; BUT THE PROBE STILL SUCCEEDS: {probe.Detail}";
                    if (attempt == options.MaxAttempts)
                    {
                        return new RevocationOutcome(item.StepId, c.CredentialId, c.Name, item.IdentityId, RevocationStepStatus.ProbeFailed, attempt,
                            detail, revokedAt, null, Elapsed(), false, true, true);
                    }
                }
            }
            catch (TimeoutException)
            {
                detail = $"{connector.Name} did not answer within {options.TimeoutSeconds:0.#} s";
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                detail = $"{connector.Name}: {ex.GetType().Name}: {ex.Message}";
            }
            if (attempt < options.MaxAttempts)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(options.BackoffMilliseconds * Math.Pow(2, attempt - 1)), clock, ct);
            }
        }
        return new RevocationOutcome(item.StepId, c.CredentialId, c.Name, item.IdentityId, RevocationStepStatus.Failed, options.MaxAttempts,
            Truncate(detail), null, null, Elapsed(), false, false, false);
    }

    private async Task<T> WithTimeoutAsync<T>(Func<CancellationToken, Task<T>> call, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(options.TimeoutSeconds));
        try
        {
            return await call(timeout.Token).WaitAsync(timeout.Token);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new TimeoutException();
        }
    }

    private async Task BeatAsync(Guid runId, CancellationToken ct)
    {
        var every = TimeSpan.FromSeconds(Math.Max(1, options.StaleAfterSeconds / 4.0));
        try
        {
            while (true)
            {
                await Task.Delay(every, clock, ct);
                await using var db = await dbFactory.CreateDbContextAsync(ct);
                var now = clock.GetUtcNow().UtcDateTime;
                await db.RevocationRuns.Where(r => r.Id == runId && r.Holder == _holder).ExecuteUpdateAsync(s => s.SetProperty(r => r.HeartbeatUtc, now), ct);
            }
        }
        catch (OperationCanceledException)
        {
            // The run finished (or the host stops): no more beats.
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Revocation run {Run}: the heartbeat failed; another instance may take the run over", runId);
        }
    }

    internal static string Truncate(string value) => value.Length > 1000 ? value[..1000] : value;
}
