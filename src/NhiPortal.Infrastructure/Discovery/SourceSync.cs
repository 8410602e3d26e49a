using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using NhiPortal.Core.Access;
using NhiPortal.Core.Audit;
using NhiPortal.Core.Common;
using NhiPortal.Core.Discovery;
using NhiPortal.Core.Usage;
using NhiPortal.Infrastructure.Audit;
using NhiPortal.Infrastructure.Data;
using NhiPortal.Infrastructure.Outbox;

namespace NhiPortal.Infrastructure.Discovery;

/// <summary>
/// One sync of one source: read it whole, decide (<see cref="DiscoveryPlanner"/>), then apply everything in one
/// transaction, or nothing. A read that fails, times out or dies mid-page applies nothing and leaves the last good
/// data in place, flagged stale; a partial read applies what it read and marks nothing gone. Then usage, if the source
/// records any, from where the last run stopped.
/// </summary>
public sealed class SourceSync(
    IDbContextFactory<NhiPortalDbContext> dbFactory, DiscoverySourceRegistry sources, AuditWriter audit, FollowUps followUps, IServiceScopeFactory scopes,
    TimeProvider clock, ILogger<SourceSync> logger)
{
    public const string JobName = "discovery";
    private const int ObjectErrorsKept = 200;
    // The Identities/Credentials ExternalId column; the portal's id is "<source>:<source id>".
    private const int ExternalIdLength = 200;
    // Beyond this a targeted rescore is slower than a full one (and its payload needlessly large).
    private const int RescoreAllAbove = 2000;
    private static readonly TimeSpan ReadLimit = TimeSpan.FromMinutes(10);

    public async Task<DiscoveryRun> RunAsync(string sourceName, PortalUser actor, CancellationToken ct = default)
    {
        var source = sources.For(sourceName) ?? throw new NotFoundException($"No discovery source is configured as \"{sourceName}\".");
        var run = await StartAsync(source, actor, ct);
        DiscoveryRead read;
        try
        {
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
            limit.CancelAfter(ReadLimit);
            read = await source.ReadAsync(limit.Token);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return await FailAsync(run, actor, $"Reading {source.Name} did not finish within {ReadLimit.TotalMinutes:0} minutes; nothing was applied.", ct);
        }
        catch (OperationCanceledException)
        {
            // The host is stopping: the run says so rather than staying Running for ever.
            await FailAsync(run, actor, $"The portal stopped while reading {source.Name}; nothing was applied.", CancellationToken.None);
            throw;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "Discovery source {Source} could not be read", source.Name);
            var why = ex is DiscoverySourceException ? ex.Message : $"{ex.GetType().Name}: {ex.Message}";
            return await FailAsync(run, actor, $"{source.Name} could not be read: {why} Nothing was applied; the last good data stays and is marked stale.", ct);
        }
        Applied applied;
        try
        {
            applied = await ApplyAsync(source, read, run, actor, ct);
        }
        catch (OperationCanceledException)
        {
            await FailAsync(run, actor, $"The portal stopped while applying the read of {source.Name}; nothing was applied.", CancellationToken.None);
            throw;
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Applying the read of {Source} failed; nothing was applied", source.Name);
            return await FailAsync(run, actor, $"Applying the read of {source.Name} failed ({ex.GetType().Name}: {ex.Message}); nothing was applied.", ct);
        }
        try
        {
            await ReadUsageAsync(source, applied, actor, ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The accounts are applied and stay so; usage is read again from the last saved cursor next run.
            logger.LogError(ex, "Recording the usage read from {Source} failed", source.Name);
        }
        return applied.Run;
    }

    private async Task<DiscoveryRun> StartAsync(IDiscoverySource source, PortalUser actor, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var run = new DiscoveryRun { Source = source.Name, TriggeredBy = actor.OnBehalfOf ?? actor.Subject, StartedUtc = now };
        db.DiscoveryRuns.Add(run);
        var state = await StateAsync(db, source, ct);
        state.LastAttemptUtc = now;
        state.SyncRequestedUtc = null;
        state.SyncRequestedBy = null;
        await db.SaveChangesAsync(ct);
        return run;
    }

    private sealed record Applied(DiscoveryRun Run, List<UsageEvent> ObservedUse);

    private async Task<Applied> ApplyAsync(IDiscoverySource source, DiscoveryRead read, DiscoveryRun run, PortalUser actor, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var known = await KnownAccounts.LoadAsync(db, source.Name, ct);
        var staff = await db.StaffMembers.AsNoTracking().Select(s => new StaffCandidate(s.Id, s.Subject, s.DisplayName, s.Email, s.IsActive)).ToListAsync(ct);
        var plan = DiscoveryPlanner.Plan(read, known, new OwnerHintMatcher(staff), ExternalIdLength - source.Name.Length - 1);
        var correlation = $"discovery:{run.Id}";
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var touched = new List<Guid>();
        touched.AddRange(await new NewAccountWriter(audit).AddAsync(db, source.Name, source.Environment, plan.New, new OwnerHintMatcher(staff), actor, correlation, now, ct));
        var writer = new ObservedChangeWriter(audit);
        touched.AddRange(await writer.UpdateAsync(db, source.Name, plan.Updates, actor, correlation, now, ct));
        touched.AddRange(await writer.MarkGoneAsync(db, source.Name, plan.Gone, actor, correlation, now, ct));
        await new ConflictRecorder(audit).RecordAsync(db, source.Name, plan, actor, correlation, now, ct);
        var managers = await new ManagerLinkWriter(audit).ApplyAsync(db, source.Name, read.Managers, actor, correlation, ct);
        if (touched.Count > RescoreAllAbove)
        {
            followUps.RescoreAll(db, actor, $"observed in {source.Name}");
        }
        else if (touched.Count > 0)
        {
            followUps.Rescore(db, actor, touched, $"observed in {source.Name}");
        }
        db.Attach(run);
        run.EndedUtc = clock.GetUtcNow().UtcDateTime;
        run.Status = read.Complete ? DiscoveryRunStatus.Succeeded : DiscoveryRunStatus.Partial;
        run.Read = read.Accounts.Count;
        run.New = plan.New.Count;
        run.Changed = plan.Updates.Count;
        run.Gone = plan.Gone.Count;
        run.Conflicts = plan.Conflicts.Count;
        run.Errors = plan.Errors.Count;
        run.ObjectErrorsJson = plan.Errors.Count == 0 ? null : JsonSerializer.Serialize(plan.Errors.Take(ObjectErrorsKept));
        run.Error = read.Complete ? null : "The source returned a partial read: what it read was applied, nothing was marked gone.";
        var state = await StateAsync(db, source, ct);
        state.LastRunId = run.Id;
        state.LastStatus = run.Status;
        state.LastError = run.Error;
        state.LastSuccessUtc = read.Complete ? now : state.LastSuccessUtc;
        audit.Append(db, AuditStream.Access, AuditEventTypes.Access.SyncCompleted, actor, "DiscoverySource", source.Name,
            $"{source.Name} synced: {run.Read:N0} read, {run.New:N0} new, {run.Changed:N0} changed, {run.Gone:N0} gone, {run.Conflicts:N0} conflicts, {run.Errors:N0} errors{(managers > 0 ? $", {managers:N0} managers set" : "")}.",
            after: new { run.Id, run.Status, run.Read, run.New, run.Changed, run.Gone, run.Conflicts, run.Errors }, correlationId: correlation);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        logger.LogInformation("Discovery {Source}: {Read} read, {New} new, {Changed} changed, {Gone} gone, {Conflicts} conflicts, {Errors} errors",
            source.Name, run.Read, run.New, run.Changed, run.Gone, run.Conflicts, run.Errors);
        var observedUse = plan.Updates.Where(u => u.CredentialChanges.Any(c => c.Field == "last used"))
            .Select(u => new UsageEvent { Store = source.Name, StoreReference = u.Observed.Credential.StoreReference, TimeUtc = u.Observed.Credential.LastUsedUtc!.Value })
            .ToList();
        return new Applied(run, observedUse);
    }

    /// <summary>Usage is a second step: a failure there is recorded on the run but does not undo the accounts just applied.</summary>
    private async Task ReadUsageAsync(IDiscoverySource source, Applied applied, PortalUser actor, CancellationToken ct)
    {
        using var scope = scopes.CreateScope();
        var ingest = scope.ServiceProvider.GetService<IUsageIngest>();
        if (ingest is null)
        {
            return;
        }
        var run = applied.Run;
        string? error = null;
        var accepted = 0;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var state = await StateAsync(db, source, ct);
        try
        {
            if (applied.ObservedUse.Count > 0)
            {
                accepted += (await ingest.IngestAsync(applied.ObservedUse, source.Name, ct)).Accepted;
            }
            if (source is IUsageSource usage)
            {
                var read = await usage.ReadUsageAsync(state.UsageCursor, ct);
                accepted += (await ingest.IngestAsync(read.Events, source.Name, ct)).Accepted;
                state.UsageCursor = read.NextCursor;
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "Usage from {Source} could not be read", source.Name);
            error = Reasons.Fit($"Usage could not be read: {ex.Message} The accounts were applied; usage is read again from the same point next run.", 1000);
        }
        db.Attach(run);
        run.UsageEvents = accepted;
        run.Error = error ?? run.Error;
        await db.SaveChangesAsync(ct);
    }

    private async Task<DiscoveryRun> FailAsync(DiscoveryRun run, PortalUser actor, string error, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(CancellationToken.None);
        db.Attach(run);
        run.Status = DiscoveryRunStatus.Failed;
        run.EndedUtc = now;
        run.Error = Reasons.Fit(error, 1000);
        var source = sources.For(run.Source)!;
        var state = await StateAsync(db, source, CancellationToken.None);
        state.LastRunId = run.Id;
        state.LastStatus = DiscoveryRunStatus.Failed;
        state.LastError = run.Error;
        audit.Append(db, AuditStream.Access, AuditEventTypes.Access.SyncFailed, actor, "DiscoverySource", run.Source, run.Error,
            after: new { run.Id, run.Error }, correlationId: $"discovery:{run.Id}");
        await db.SaveChangesAsync(CancellationToken.None);
        return run;
    }

    private static async Task<DiscoverySourceState> StateAsync(NhiPortalDbContext db, IDiscoverySource source, CancellationToken ct)
    {
        var state = await db.DiscoverySources.FirstOrDefaultAsync(s => s.Name == source.Name, ct);
        if (state is null)
        {
            state = new DiscoverySourceState { Name = source.Name, Kind = source.Kind };
            db.DiscoverySources.Add(state);
        }
        return state;
    }
}
