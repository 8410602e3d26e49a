
namespace NhiPortal.Core.Revocation;

/// <summary>Why a connector is asked to act: the run and its reason (the incident id), so the store's own log can say so too.</summary>
public sealed record RevocationContext(Guid RunId, string Reason);
