namespace NhiPortal.Infrastructure.Usage;

/// <summary>Wakes this instance's evaluator when ingest committed new use, so detection follows ingest within seconds.</summary>
public sealed class UsageSignal
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
