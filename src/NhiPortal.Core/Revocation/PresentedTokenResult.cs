
namespace NhiPortal.Core.Revocation;

public sealed record PresentedTokenResult(bool Revoked, bool StillActive, string FingerprintShort, string? MatchedCredential, Guid? RunId);
