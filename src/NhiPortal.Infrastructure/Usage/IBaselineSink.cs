using NhiPortal.Core.Usage;

namespace NhiPortal.Infrastructure.Usage;

/// <summary>Where the evaluator writes what it learned: a baseline, and how much of a bucket it has now evaluated.</summary>
internal interface IBaselineSink : IDisposable
{
    void Save(UsageBaseline baseline, bool isNew);

    void MarkEvaluated(Guid credentialId, DateTime hourUtc, string network, long count);

    Task FlushAsync(CancellationToken ct);
}
