using NhiPortal.Core.Usage;

namespace NhiPortal.Core.Discovery;

/// <summary>
/// A source that records use (a connection log, an IdP's login events). It reads from the cursor it returned last
/// time (opaque to the portal, kept per source), so each use is counted once.
/// </summary>
public interface IUsageSource
{
    string Name { get; }

    Task<UsageRead> ReadUsageAsync(string? cursor, CancellationToken ct);
}
