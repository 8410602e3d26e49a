namespace NhiPortal.Infrastructure.Hygiene;

/// <summary>A SQLite full rescore's write in three parts: read, score and stage; write the changed credential scores; identities and commit.</summary>
internal sealed record RescorePhases(TimeSpan ReadScoreStage, TimeSpan CredentialWrite, TimeSpan IdentitiesAndCommit);
