namespace NhiPortal.Infrastructure.Usage;

/// <summary>A credential an event named, with what ingest compares against (its last use) and touches (its identity).</summary>
internal sealed record ResolvedCredential(Guid Id, Guid? IdentityId, DateTime? LastUsedUtc);
