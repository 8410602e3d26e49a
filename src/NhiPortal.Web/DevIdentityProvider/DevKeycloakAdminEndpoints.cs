using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Authentication;
using OpenIddict.Abstractions;
using OpenIddict.Validation.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace NhiPortal.Web.DevIdentityProvider;

/// <summary>
/// The development provider's implementation of a documented subset of Keycloak's Admin REST API, under
/// <c>/admin/realms/{realm}</c>: clients (list, one, update), client-secret (read, regenerate), the service-account
/// user and its realm role mappings, and login events. Only the portal's connector client may call it, with a bearer
/// token it got by client credentials (Keycloak: a service account with realm-management roles).
/// </summary>
public static class DevKeycloakAdminEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var realm = app.MapGroup("/admin/realms/{realm}").AllowAnonymous().DisableAntiforgery().AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            var options = http.RequestServices.GetRequiredService<DevIdentityProviderOptions>();
            if (!string.Equals(http.Request.RouteValues["realm"] as string, options.Realm, StringComparison.Ordinal))
            {
                return Results.Json(new { error = "Realm not found." }, statusCode: StatusCodes.Status404NotFound);
            }
            var caller = await http.AuthenticateAsync(OpenIddictValidationAspNetCoreDefaults.AuthenticationScheme);
            if (!caller.Succeeded)
            {
                // A body keeps the status-code pages from turning the refusal into an HTML page.
                return Results.Json(new { error = "HTTP 401 Unauthorized" }, statusCode: StatusCodes.Status401Unauthorized);
            }
            var client = caller.Principal!.GetClaim(Claims.ClientId) ?? caller.Principal!.GetPresenters().FirstOrDefault();
            return client == DevIdentityProviderSetup.ConnectorClientId
                ? await next(context)
                : Results.Json(new { error = "HTTP 403 Forbidden" }, statusCode: StatusCodes.Status403Forbidden);
        });

        realm.MapGet("/clients", async (string? clientId, bool? search, int? first, int? max, IOpenIddictApplicationManager applications, DevRealmClients clients) =>
        {
            var all = new List<Dictionary<string, object?>>();
            await foreach (var application in applications.ListAsync(count: null, offset: null))
            {
                var representation = await RepresentationAsync(application, applications, clients);
                var id = (string)representation["clientId"]!;
                if (clientId is null || (search == true ? id.Contains(clientId, StringComparison.OrdinalIgnoreCase) : id == clientId))
                {
                    all.Add(representation);
                }
            }
            var page = all.OrderBy(c => (string)c["clientId"]!, StringComparer.Ordinal).Skip(Math.Max(0, first ?? 0));
            return Results.Json(max is > 0 ? page.Take(max.Value) : page);
        });

        realm.MapGet("/clients/{id}", async (string id, IOpenIddictApplicationManager applications, DevRealmClients clients) =>
            await applications.FindByIdAsync(id) is { } application ? Results.Json(await RepresentationAsync(application, applications, clients)) : ClientNotFound());

        realm.MapPut("/clients/{id}", async (string id, JsonElement body, IOpenIddictApplicationManager applications, IOpenIddictTokenManager tokens, DevRealmClients clients) =>
        {
            if (await applications.FindByIdAsync(id) is not { } application)
            {
                return ClientNotFound();
            }
            var clientId = (await applications.GetClientIdAsync(application))!;
            // As in Keycloak, a field the representation leaves out stays as it is.
            var enabled = body.TryGetProperty("enabled", out var e) && e.ValueKind is JsonValueKind.True or JsonValueKind.False ? e.GetBoolean() : (bool?)null;
            var notBefore = body.TryGetProperty("notBefore", out var nb) && nb.TryGetInt64(out var n) ? n : (long?)null;
            clients.Update(clientId, c => c with { Enabled = enabled ?? c.Enabled, NotBefore = notBefore ?? c.NotBefore });
            if (enabled == false || notBefore is not null)
            {
                // A disabled client's tokens, and tokens issued before the not-before, are no longer valid.
                var cutOff = notBefore is { } seconds ? DateTimeOffset.FromUnixTimeSeconds(seconds + 1) : DateTimeOffset.MaxValue;
                await foreach (var token in tokens.FindByApplicationIdAsync(id))
                {
                    if (await tokens.HasStatusAsync(token, Statuses.Valid) && (enabled == false || await tokens.GetCreationDateAsync(token) < cutOff))
                    {
                        await tokens.TryRevokeAsync(token);
                    }
                }
            }
            return Results.NoContent();
        });

        realm.MapGet("/clients/{id}/client-secret", async (string id, IOpenIddictApplicationManager applications, DevRealmClients clients) =>
            await applications.FindByIdAsync(id) is { } application
                ? Results.Json(new { type = "secret", value = clients.Get((await applications.GetClientIdAsync(application))!).Secret })
                : ClientNotFound());

        realm.MapPost("/clients/{id}/client-secret", async (string id, IOpenIddictApplicationManager applications, DevRealmClients clients) =>
        {
            if (await applications.FindByIdAsync(id) is not { } application)
            {
                return ClientNotFound();
            }
            // URL-safe, as providers issue them: client_secret_basic form-encodes the secret, and '+' would not survive a careless client.
            var secret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
            var descriptor = new OpenIddictApplicationDescriptor();
            await applications.PopulateAsync(descriptor, application);
            descriptor.ClientSecret = secret;
            await applications.UpdateAsync(application, descriptor);
            clients.SetSecret(descriptor.ClientId!, secret);
            return Results.Json(new { type = "secret", value = secret });
        });

        realm.MapGet("/clients/{id}/service-account-user", async (string id, IOpenIddictApplicationManager applications) =>
        {
            if (await applications.FindByIdAsync(id) is not { } application || !await applications.HasPermissionAsync(application, Permissions.GrantTypes.ClientCredentials))
            {
                return Results.Json(new { error = "Service account not enabled for the client" }, statusCode: StatusCodes.Status400BadRequest);
            }
            var clientId = await applications.GetClientIdAsync(application);
            return Results.Json(new { id = ServiceAccountUserId(id), username = $"service-account-{clientId}", enabled = true, emailVerified = false, serviceAccountClientId = clientId });
        });

        realm.MapGet("/users/{userId}/role-mappings/realm", (string userId, DevIdentityProviderOptions options) =>
            !userId.StartsWith(ServiceAccountPrefix, StringComparison.Ordinal)
                ? Results.Json(new { error = "User not found" }, statusCode: StatusCodes.Status404NotFound)
                : Results.Json(new[] { $"default-roles-{options.Realm}", "offline_access", "uma_authorization" }
                    .Select(name => new { id = name, name, composite = name.StartsWith("default-roles-", StringComparison.Ordinal), clientRole = false, containerId = options.Realm })));

        DevKeycloakEventsEndpoint.Map(realm);
    }

    private const string ServiceAccountPrefix = "service-account-user-";

    public static string ServiceAccountUserId(string applicationId) => ServiceAccountPrefix + applicationId;

    private static IResult ClientNotFound() => Results.Json(new { error = "Could not find client" }, statusCode: StatusCodes.Status404NotFound);

    /// <summary>The ClientRepresentation fields the documented subset uses; no secret in it (read it by client-secret).</summary>
    private static async Task<Dictionary<string, object?>> RepresentationAsync(object application, IOpenIddictApplicationManager applications, DevRealmClients clients)
    {
        var clientId = (await applications.GetClientIdAsync(application))!;
        var state = clients.Get(clientId);
        var permissions = await applications.GetPermissionsAsync(application);
        var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
        if (state.SecretSetUtc is { } set)
        {
            attributes["client.secret.creation.time"] = set.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        return new Dictionary<string, object?>
        {
            ["id"] = await applications.GetIdAsync(application),
            ["clientId"] = clientId,
            ["name"] = await applications.GetDisplayNameAsync(application),
            ["enabled"] = state.Enabled,
            ["clientAuthenticatorType"] = "client-secret",
            ["publicClient"] = await applications.GetClientTypeAsync(application) == ClientTypes.Public,
            ["bearerOnly"] = false,
            ["standardFlowEnabled"] = permissions.Contains(Permissions.GrantTypes.AuthorizationCode),
            ["serviceAccountsEnabled"] = permissions.Contains(Permissions.GrantTypes.ClientCredentials),
            ["notBefore"] = state.NotBefore,
            ["protocol"] = "openid-connect",
            ["attributes"] = attributes,
        };
    }
}
