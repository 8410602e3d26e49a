namespace NhiPortal.Web.DevIdentityProvider;

/// <summary>One client's realm state; <see cref="NotBefore"/> is epoch seconds, 0 when tokens were never cut off.</summary>
public sealed record DevRealmClient(string? Secret, DateTimeOffset? SecretSetUtc, bool Enabled, long NotBefore);
