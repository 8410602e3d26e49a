namespace NhiPortal.Infrastructure.Outbox;

/// <summary>Wakes this instance's dispatcher early when a follow-up was written here; other instances find it by polling.</summary>
public sealed class OutboxSignal
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
