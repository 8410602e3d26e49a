using System.Security.Cryptography;
using System.Text;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace NhiPortal.Web.DevIdentityProvider;

/// <summary>
/// The development provider's client-management API, shaped like Keycloak's admin endpoints: replace a client's
/// secret, revoke every token issued to it, and report its state. Only the portal's connector client may call it
/// (HTTP Basic with its client credentials).
/// </summary>
public static class DevClientManagementEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/dev-idp/manage/clients/{clientId}").AllowAnonymous().DisableAntiforgery()
            .AddEndpointFilter(async (context, next) =>
                await IsConnectorAsync(context.HttpContext)
                    ? await next(context)
                    // A body keeps the status-code pages from turning the refusal into an HTML page.
                    : Results.Json(new { error = "only the portal's connector client may manage clients" }, statusCode: StatusCodes.Status401Unauthorized));

        group.MapPost("/secret", async (string clientId, IOpenIddictApplicationManager applications, DevClientSecrets secrets) =>
        {
            var application = await applications.FindByClientIdAsync(clientId);
            if (application is null)
            {
                return Results.NotFound(new { error = $"no client {clientId}" });
            }
            // URL-safe, as providers issue them: client_secret_basic form-encodes the secret, and '+' would not survive a careless client.
            var secret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
            var descriptor = new OpenIddictApplicationDescriptor();
            await applications.PopulateAsync(descriptor, application);
            descriptor.ClientSecret = secret;
            await applications.UpdateAsync(application, descriptor);
            secrets.Set(clientId, secret);
            return Results.Ok(new { secret });
        });

        group.MapPost("/revoke-tokens", async (string clientId, IOpenIddictApplicationManager applications, IOpenIddictTokenManager tokens) =>
        {
            var application = await applications.FindByClientIdAsync(clientId);
            if (application is null)
            {
                return Results.NotFound(new { error = $"no client {clientId}" });
            }
            var revoked = 0;
            await foreach (var token in tokens.FindByApplicationIdAsync((await applications.GetIdAsync(application))!))
            {
                if (await tokens.HasStatusAsync(token, Statuses.Valid) && await tokens.TryRevokeAsync(token))
                {
                    revoked++;
                }
            }
            return Results.Ok(new { revoked });
        });

        group.MapGet("/", async (string clientId, IOpenIddictApplicationManager applications, IOpenIddictTokenManager tokens, DevClientSecrets secrets, TimeProvider clock) =>
        {
            var application = await applications.FindByClientIdAsync(clientId);
            if (application is null)
            {
                return Results.NotFound(new { error = $"no client {clientId}" });
            }
            var now = clock.GetUtcNow();
            var active = 0;
            await foreach (var token in tokens.FindByApplicationIdAsync((await applications.GetIdAsync(application))!))
            {
                if (await tokens.HasStatusAsync(token, Statuses.Valid) && await tokens.GetExpirationDateAsync(token) is { } expires && expires > now)
                {
                    active++;
                }
            }
            var secret = secrets.Get(clientId);
            return Results.Ok(new { clientId, secretFingerprint = secret?.Fingerprint, secretSetUtc = secret?.SetUtc, activeTokens = active });
        });
    }

    private static async Task<bool> IsConnectorAsync(HttpContext http)
    {
        var header = http.Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Basic ", StringComparison.Ordinal))
        {
            return false;
        }
        string decoded;
        try
        {
            decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header["Basic ".Length..]));
        }
        catch (FormatException)
        {
            return false;
        }
        var colon = decoded.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0)
        {
            return false;
        }
        var clientId = Uri.UnescapeDataString(decoded[..colon]);
        var secret = Uri.UnescapeDataString(decoded[(colon + 1)..]);
        if (clientId != DevIdentityProviderSetup.ConnectorClientId)
        {
            return false;
        }
        var applications = http.RequestServices.GetRequiredService<IOpenIddictApplicationManager>();
        return await applications.FindByClientIdAsync(clientId) is { } application && await applications.ValidateClientSecretAsync(application, secret);
    }
}
