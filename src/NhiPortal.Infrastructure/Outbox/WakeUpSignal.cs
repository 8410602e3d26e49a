namespace NhiPortal.Infrastructure.Outbox;

/// <summary>
/// Wakes one polling loop of this instance early (the outbox dispatcher, the discovery job, the usage evaluator) when
/// work for it was written here; other instances find the work by polling. Each loop has its own subclass, so the
/// container gives each its own signal.
/// </summary>
public abstract class WakeUpSignal
{
    private readonly SemaphoreSlim _raised = new(0, 1);

    public void Raise()
    {
        if (_raised.CurrentCount == 0)
        {
            try
            {
                _raised.Release();
            }
            catch (SemaphoreFullException)
            {
                // Raised twice at once: one wake-up is enough.
            }
        }
    }

    public async Task WaitAsync(TimeSpan timeout, CancellationToken ct) => await _raised.WaitAsync(timeout, ct);
}
