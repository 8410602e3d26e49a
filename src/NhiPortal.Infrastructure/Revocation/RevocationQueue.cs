using System.Threading.Channels;

namespace NhiPortal.Infrastructure.Revocation;

/// <summary>Wakes this instance's worker for a run recorded here; runs recorded elsewhere (or orphaned) are found by polling the database.</summary>
public sealed class RevocationQueue
{
    private readonly Channel<Guid> _channel = Channel.CreateUnbounded<Guid>();

    public void Enqueue(Guid runId) => _channel.Writer.TryWrite(runId);

    public IAsyncEnumerable<Guid> ReadAllAsync(CancellationToken ct) => _channel.Reader.ReadAllAsync(ct);
}
