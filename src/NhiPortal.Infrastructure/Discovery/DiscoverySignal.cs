namespace NhiPortal.Infrastructure.Discovery;

/// <summary>Wakes this instance's discovery job when someone asks for a sync here; other instances find the request by polling.</summary>
public sealed class DiscoverySignal
{
    private readonly SemaphoreSlim _raised = new(0, 1);

    public void Raise()
    {
        try
        {
            _raised.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already raised: one wake-up is enough.
        }
    }

    public async Task WaitAsync(TimeSpan timeout, CancellationToken ct) => await _raised.WaitAsync(timeout, ct);
}
