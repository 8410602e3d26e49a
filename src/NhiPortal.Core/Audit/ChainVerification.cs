namespace NhiPortal.Core.Audit;

/// <summary>What a verification found: how far each chain was checked, and every break, with where it is.</summary>
public sealed record ChainVerification(DateTime CheckedUtc, long CheckedEvents, long UnsealedEvents, IReadOnlyList<ChainProblem> Problems,
    IReadOnlyDictionary<AuditStream, string> Heads)
{
    public bool Intact => Problems.Count == 0;

    public string Describe() => Intact
        ? $"Intact: {CheckedEvents:N0} events in {Heads.Count} stream(s) verified{(UnsealedEvents > 0 ? $"; {UnsealedEvents:N0} newer event(s) not yet sealed" : "")}."
        : $"BROKEN: {Problems.Count} problem(s); first: {Problems[0].Stream}{(Problems[0].Sequence is { } n ? $" #{n}" : "")}: {Problems[0].Problem}";
}
