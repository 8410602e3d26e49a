using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using NhiPortal.Core.Audit;

namespace NhiPortal.Infrastructure.Audit;

/// <summary>Refuses any save that would change or delete an audit row: the log is append-only in code too.</summary>
public sealed class AppendOnlyAuditInterceptor : SaveChangesInterceptor
{
    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Check(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Check(eventData.Context);
        return ValueTask.FromResult(result);
    }

    private static void Check(DbContext? context)
    {
        if (context is null)
        {
            return;
        }
        if (context.ChangeTracker.Entries<AuditEvent>().Any(e => e.State is EntityState.Modified or EntityState.Deleted)
            || context.ChangeTracker.Entries<AuditChainLink>().Any(e => e.State is EntityState.Modified or EntityState.Deleted)
            || context.ChangeTracker.Entries<Core.Reviews.ReviewCampaignResult>().Any(e => e.State is EntityState.Modified or EntityState.Deleted))
        {
            throw new InvalidOperationException("Audit events are append-only: a change or deletion was refused.");
        }
    }
}
