using System.Text.Json.Serialization;

namespace NhiPortal.Infrastructure.Discovery.Keycloak;

/// <summary>
/// The fields of Keycloak's ClientRepresentation the source reads. It has no <c>secret</c> member on purpose: a list
/// that carries secrets (older servers do) never puts one in an object here.
/// </summary>
internal sealed record KeycloakClient(
    string Id,
    string ClientId,
    string? Name,
    string? Description,
    bool Enabled,
    bool PublicClient,
    bool BearerOnly,
    bool ServiceAccountsEnabled,
    string? ClientAuthenticatorType,
    Dictionary<string, string>? Attributes);

/// <summary>CredentialRepresentation as <c>GET …/clients/{id}/client-secret</c> answers: <c>{"type":"secret","value":…}</c>.</summary>
internal sealed record KeycloakCredential(string? Type, string? Value);

/// <summary>UserRepresentation (the client's service-account user): only its id is needed.</summary>
internal sealed record KeycloakUser(string Id, string? Username);

/// <summary>RoleRepresentation from <c>…/users/{id}/role-mappings/realm</c>.</summary>
internal sealed record KeycloakRole(string Name);

/// <summary>EventRepresentation: <c>time</c> in epoch milliseconds.</summary>
internal sealed record KeycloakEvent(long Time, string? Type, string? ClientId, string? IpAddress, string? Error);

/// <summary>The token endpoint's answer.</summary>
internal sealed record KeycloakToken([property: JsonPropertyName("access_token")] string AccessToken);
