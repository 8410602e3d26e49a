namespace NhiPortal.Web.DevIdentityProvider;

/// <summary>Keycloak's EventRepresentation: <c>time</c> in epoch milliseconds.</summary>
public sealed record DevRealmEvent(string Id, long Time, string Type, string RealmId, string ClientId, string? UserId, string? IpAddress);
