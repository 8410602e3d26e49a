namespace NhiPortal.Core.Revocation;

/// <summary>
/// "Run X changed", in process: the executor publishes after each committed batch and state change, coalesced per
/// run, and the run page re-reads its summary and step page instead of polling. Another instance's runs are not seen
/// here; the page keeps a slow poll for them.
/// </summary>
public interface IRevocationRunEvents
{
    /// <summary>Calls <paramref name="changed"/> (on a pool thread) whenever the run changes; dispose to stop.</summary>
    IDisposable Subscribe(Guid runId, Func<Task> changed);

    void Publish(Guid runId);
}
