namespace NhiPortal.Infrastructure.Hygiene;

/// <summary>
/// A full rescore's write in three parts: read, score and stage; write the changed credential scores; identities and
/// commit (the server path reports the last two as one).
/// </summary>
internal sealed record RescorePhases(TimeSpan ReadScoreStage, TimeSpan CredentialWrite, TimeSpan IdentitiesAndCommit)
{
    /// <summary>Where the last full write's time went, for the rescore benchmarks.</summary>
    internal static RescorePhases Last { get; set; } = new(TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero);
}
