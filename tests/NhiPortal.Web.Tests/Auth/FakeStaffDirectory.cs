using System.Collections.Concurrent;
using NhiPortal.Core.Access;
using NhiPortal.Infrastructure.Access;

namespace NhiPortal.Web.Tests.Auth;

/// <summary>The staff directory's standing, in memory: who has left, how often it was asked, which refusals were recorded.</summary>
internal sealed class FakeStaffDirectory : IStaffDirectoryStanding
{
    public ConcurrentDictionary<string, bool> Left { get; } = new(StringComparer.Ordinal);

    public int Queries;

    public ConcurrentQueue<(string Subject, string Where)> Refusals { get; } = new();

    public Task<bool> HasLeftAsync(string subject, CancellationToken ct = default)
    {
        Interlocked.Increment(ref Queries);
        return Task.FromResult(Left.ContainsKey(subject));
    }

    public Task RecordSessionRefusedAsync(PortalUser user, string where, CancellationToken ct = default)
    {
        Refusals.Enqueue((user.Subject, where));
        return Task.CompletedTask;
    }
}
