using NhiPortal.Core.Usage;
using NhiPortal.Infrastructure.Data;

namespace NhiPortal.Infrastructure.Usage;

/// <summary>Any provider: attached entities, saved in batches (the evaluator has read everything first, so no reader is open).</summary>
internal sealed class EfBaselineSink(NhiPortalDbContext db) : IBaselineSink
{
    private const int Batch = 1_000;
    private int _pending;

    public void Save(UsageBaseline baseline, bool isNew)
    {
        if (isNew)
        {
            db.UsageBaselines.Add(baseline);
        }
        else
        {
            db.UsageBaselines.Update(baseline);
        }
        _pending++;
    }

    public void MarkEvaluated(Guid credentialId, DateTime hourUtc, string network, long count)
    {
        var bucket = new UsageBucket { CredentialId = credentialId, HourUtc = hourUtc, Network = network, EvaluatedCount = count };
        db.UsageBuckets.Attach(bucket);
        db.Entry(bucket).Property(b => b.EvaluatedCount).IsModified = true;
        _pending++;
    }

    public async Task FlushAsync(CancellationToken ct)
    {
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
        _pending = 0;
    }

    public bool Full => _pending >= Batch;

    public void Dispose()
    {
    }
}
