namespace NhiPortal.Core.Discovery;

public sealed record ConflictRow(
    Guid Id, string Source, Guid IdentityId, string IdentityName, string Field, string PortalValue, string SourceValue, bool Critical,
    DateTime FirstObservedUtc, DateTime LastObservedUtc);
