using Microsoft.EntityFrameworkCore;
using NhiPortal.Core.Access;
using NhiPortal.Core.Audit;
using NhiPortal.Core.Common;
using NhiPortal.Core.Feed;
using NhiPortal.Infrastructure.Audit;
using NhiPortal.Infrastructure.Data;

namespace NhiPortal.Infrastructure.Feed;

/// <summary>
/// Adds and changes destinations for an actor that was already authorised (a person on the feed page, or the start-up
/// seeding from configuration), each change with its audit event (before and after: settings and secret references,
/// never a secret) in the same transaction.
/// </summary>
public sealed class FeedDestinationWriter(IDbContextFactory<NhiPortalDbContext> dbFactory, AuditWriter audit, TimeProvider clock, FeedSignal signal)
{
    public async Task<Guid> SaveAsync(PortalUser actor, FeedDestinationInput input, CancellationToken ct)
    {
        var valid = FeedDestinationRules.Validate(input);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await db.FeedDestinations.AnyAsync(d => d.Name == valid.Name && d.Id != (valid.Id ?? Guid.Empty), ct))
        {
            throw new ValidationException($"A destination named \"{valid.Name}\" exists already.");
        }
        FeedDestination row;
        object? before = null;
        if (valid.Id is { } id)
        {
            row = await db.FeedDestinations.SingleOrDefaultAsync(d => d.Id == id, ct) ?? throw new NotFoundException($"Feed destination {id}");
            if (row.Version != valid.Version)
            {
                throw new EditConflictException($"Someone else changed \"{row.Name}\" meanwhile; reload and try again.");
            }
            before = Settings(row);
            row.Version++;
        }
        else
        {
            row = new FeedDestination
            {
                Id = Guid.NewGuid(), Name = valid.Name, Kind = valid.Kind, Format = valid.Format, Address = valid.Address, CreatedUtc = clock.GetUtcNow().UtcDateTime,
            };
            db.FeedDestinations.Add(row);
        }
        Apply(row, valid);
        var verb = before is null ? "added" : "changed";
        audit.Append(db, AuditStream.Access, AuditEventTypes.Access.FeedDestinationChanged, actor, "FeedDestination", AuditWriter.TargetKey(row.Id),
            $"{actor.DisplayName} {verb} feed destination \"{row.Name}\" ({row.Kind} {row.Format} to {row.Address}{(row.Enabled ? "" : ", disabled")})",
            before, Settings(row));
        await SaveAsync(db, row, ct);
        return row.Id;
    }

    public async Task SetEnabledAsync(PortalUser actor, Guid id, bool enabled, int version, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var row = await LoadAsync(db, id, version, ct);
        var before = Settings(row);
        row.Enabled = enabled;
        row.Version++;
        if (enabled)
        {
            // Enabled again: try at once rather than after the backoff left from before.
            row.NextAttemptUtc = null;
            row.ConsecutiveFailures = 0;
        }
        audit.Append(db, AuditStream.Access, AuditEventTypes.Access.FeedDestinationChanged, actor, "FeedDestination", AuditWriter.TargetKey(row.Id),
            $"{actor.DisplayName} {(enabled ? "enabled" : "disabled")} feed destination \"{row.Name}\"", before, Settings(row));
        await SaveAsync(db, row, ct);
    }

    public async Task ReplayAsync(PortalUser actor, Guid id, long fromSequence, CancellationToken ct)
    {
        if (fromSequence < 1)
        {
            throw new ValidationException("Replay starts at an event id of 1 or more.");
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var row = await db.FeedDestinations.SingleOrDefaultAsync(d => d.Id == id, ct) ?? throw new NotFoundException($"Feed destination {id}");
        if (fromSequence > row.Cursor + 1)
        {
            // Forward would skip events the receiver never had: a way to hide them from the SIEM, so never allowed.
            throw new ValidationException($"\"{row.Name}\" has received events up to {row.Cursor:N0}; a replay starts at {row.Cursor + 1:N0} or earlier.");
        }
        var before = new { row.Cursor };
        row.Cursor = fromSequence - 1;
        // The heads go out again after a replay, and a backoff left from an outage no longer holds it back.
        row.LastHeadsUtc = null;
        row.NextAttemptUtc = null;
        row.ConsecutiveFailures = 0;
        row.Version++;
        audit.Append(db, AuditStream.Access, AuditEventTypes.Access.FeedReplayRequested, actor, "FeedDestination", AuditWriter.TargetKey(row.Id),
            $"{actor.DisplayName} asked feed destination \"{row.Name}\" to receive again every event from {fromSequence}", before, new { row.Cursor, FromSequence = fromSequence });
        await SaveAsync(db, row, ct);
    }

    private static async Task<FeedDestination> LoadAsync(NhiPortalDbContext db, Guid id, int version, CancellationToken ct)
    {
        var row = await db.FeedDestinations.SingleOrDefaultAsync(d => d.Id == id, ct) ?? throw new NotFoundException($"Feed destination {id}");
        return row.Version == version ? row : throw new EditConflictException($"Someone else changed \"{row.Name}\" meanwhile; reload and try again.");
    }

    private async Task SaveAsync(NhiPortalDbContext db, FeedDestination row, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new EditConflictException($"Someone else changed \"{row.Name}\" meanwhile; reload and try again.");
        }
        signal.Raise();
    }

    /// <summary>Whether the stored destination already has these settings (the seeding from configuration changes nothing then).</summary>
    public static bool Matches(FeedDestination row, FeedDestinationInput valid) =>
        row.Kind == valid.Kind && row.Format == valid.Format && row.Address == valid.Address && row.Tls == valid.Tls && row.CaFile == valid.CaFile
        && row.PinnedThumbprint == valid.PinnedThumbprint && row.SecretVariable == valid.SecretVariable && row.SecretFile == valid.SecretFile
        && row.PreviousSecretVariable == valid.PreviousSecretVariable && row.PreviousSecretFile == valid.PreviousSecretFile && row.Enabled == valid.Enabled;

    private static void Apply(FeedDestination row, FeedDestinationInput valid)
    {
        row.Name = valid.Name;
        row.Kind = valid.Kind;
        row.Format = valid.Format;
        row.Address = valid.Address;
        row.Tls = valid.Tls;
        row.CaFile = valid.CaFile;
        row.PinnedThumbprint = valid.PinnedThumbprint;
        row.SecretVariable = valid.SecretVariable;
        row.SecretFile = valid.SecretFile;
        row.PreviousSecretVariable = valid.PreviousSecretVariable;
        row.PreviousSecretFile = valid.PreviousSecretFile;
        if (row.Enabled != valid.Enabled && valid.Enabled)
        {
            row.NextAttemptUtc = null;
            row.ConsecutiveFailures = 0;
        }
        row.Enabled = valid.Enabled;
    }

    private static object Settings(FeedDestination d) => new
    {
        d.Name, Kind = d.Kind.ToString(), Format = d.Format.ToString(), d.Address, d.Tls, d.CaFile, d.PinnedThumbprint,
        d.SecretVariable, d.SecretFile, d.PreviousSecretVariable, d.PreviousSecretFile, d.Enabled,
    };
}
