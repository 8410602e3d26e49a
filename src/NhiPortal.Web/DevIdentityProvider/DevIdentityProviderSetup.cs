using System.Security.Cryptography;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using NhiPortal.Infrastructure.Access;
using NhiPortal.Web.Auth;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace NhiPortal.Web.DevIdentityProvider;

/// <summary>
/// The embedded default: a real OpenID Connect provider (OpenIddict) inside the portal, with one demo account per
/// role, used only in Development when no Authority is configured. The portal signs in against it exactly as it
/// would against Entra ID, Okta or Keycloak: discovery, PAR, authorization code + PKCE, signed id_token.
/// </summary>
public static class DevIdentityProviderSetup
{
    public const string ClientId = "nhiportal-dev";

    /// <summary>The portal's OAuth connector: may introspect and revoke tokens and manage clients here.</summary>
    public const string ConnectorClientId = "nhiportal-connector";

    /// <summary>Demo workload identities with client secrets (<c>DevIdentityProvider:DemoBotSecret</c>), to revoke and rotate in the demo.</summary>
    public static readonly IReadOnlyList<string> DemoBotClientIds = ["demo-reporting-bot", "demo-billing-bot"];

    public const string ConnectorName = "devidp";

    /// <summary>The Keycloak-style realm the provider answers for (<c>DevIdentityProvider:Realm</c>).</summary>
    public const string DefaultRealm = "nhiportal";

    /// <summary>Keycloak's token endpoint path for a realm; the provider serves it beside /connect/token.</summary>
    public static string TokenPath(string realm) => $"/realms/{Uri.EscapeDataString(realm)}/protocol/openid-connect/token";
    public const string CookieScheme = "DevIdp";

    public static OidcSettings AddNhiDevelopmentIdentityProvider(this IHostApplicationBuilder builder, OidcSettings settings)
    {
        if (!builder.Environment.IsDevelopment())
        {
            throw new InvalidOperationException(
                $"{OidcSettings.Section}:Authority is not set. Configure the organisation's identity provider " +
                "(see README). The built-in development identity provider runs only in the Development environment.");
        }
        // It signs anyone in with one shared demo password: never on an address another machine can reach.
        if (LoopbackUrls.NotLoopback(builder.Configuration) is { Count: > 0 } exposed)
        {
            throw new InvalidOperationException(
                "The built-in development identity provider signs anyone in with the shared demo password, so it runs only " +
                $"when the portal listens on loopback only (localhost, 127.0.0.1, [::1]); configured: {string.Join(", ", exposed)}. " +
                $"Listen on http://localhost:<port>, or configure the organisation's identity provider ({OidcSettings.Section}:Authority).");
        }
        var issuer = IssuerFrom(builder.Configuration);
        // Fresh secrets per process unless set (instances that share this provider need the portal client's).
        string Secret(string key) => builder.Configuration[key] is { Length: > 0 } configured ? configured : Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        var clientSecret = Secret("DevIdentityProvider:ClientSecret");
        var realm = builder.Configuration["DevIdentityProvider:Realm"] is { Length: > 0 } configuredRealm ? configuredRealm : DefaultRealm;
        var automationSecret = Secret("DevIdentityProvider:AutomationSecret");
        var options = new DevIdentityProviderOptions(issuer, clientSecret, builder.Configuration["DevIdentityProvider:Password"] ?? "demo",
            Secret("DevIdentityProvider:ConnectorSecret"), Secret("DevIdentityProvider:DemoBotSecret"), realm)
        {
            AutomationSecret = automationSecret,
            AutomationSecretFile = builder.Configuration["DevIdentityProvider:AutomationSecret"] is { Length: > 0 } ? null
                : WriteOwnerOnly(Path.Combine(builder.Environment.ContentRootPath, "App_Data", "dev-automation-secret"), automationSecret),
            ApiAudience = builder.Configuration["Authentication:Api:Audience"] is { Length: > 0 } audience ? audience : "nhiportal-api",
            PortalOrigins = (builder.Configuration["DevIdentityProvider:PortalOrigins"] ?? "")
                .Split([' ', ','], StringSplitOptions.RemoveEmptyEntries).Select(o => new Uri(o, UriKind.Absolute)).ToList(),
        };
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton<DevRealmClients>();
        builder.Services.AddSingleton<DevRealmEvents>();
        builder.Services.AddSingleton<DevSignInLimiter>();
        // The portal revokes credentials held here through its OAuth connector, configured like any other. Its
        // allow-list (ManagedClients: the demo bots) is in the top-level appsettings.Development.json, in plain sight.
        if (builder.Configuration[$"Connectors:{ConnectorName}:Kind"] is null)
        {
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                [$"Connectors:{ConnectorName}:Kind"] = "oauth",
                [$"Connectors:{ConnectorName}:Authority"] = issuer,
                [$"Connectors:{ConnectorName}:ClientId"] = ConnectorClientId,
                [$"Connectors:{ConnectorName}:ClientSecret"] = options.ConnectorSecret,
                [$"Connectors:{ConnectorName}:Realm"] = realm,
            });
        }

        DevDiscoverySource.Register(builder, issuer, realm, options.ConnectorSecret);

        // The provider's client registry lives in a private in-memory SQLite database, kept open for the process.
        var keepAlive = new SqliteConnection($"Data Source=devidp-{Guid.NewGuid():N};Mode=Memory;Cache=Shared");
        keepAlive.Open();
        builder.Services.AddSingleton(new DevIdentityProviderConnection(keepAlive));
        builder.Services.AddDbContext<DevIdentityProviderDbContext>(o =>
        {
            o.UseSqlite(keepAlive.ConnectionString);
            o.UseOpenIddict();
        });

        builder.Services.AddAuthentication().AddCookie(CookieScheme, o =>
        {
            o.Cookie.Name = "nhiportal.devidp";
            o.LoginPath = "/dev-idp/login";
            o.ExpireTimeSpan = TimeSpan.FromHours(8);
        });

        builder.Services.AddOpenIddict()
            .AddCore(o => o.UseEntityFrameworkCore().UseDbContext<DevIdentityProviderDbContext>())
            .AddServer(o =>
            {
                o.SetIssuer(new Uri(issuer));
                o.SetAuthorizationEndpointUris("connect/authorize")
                    .SetPushedAuthorizationEndpointUris("connect/par")
                    .SetTokenEndpointUris("connect/token", TokenPath(realm).TrimStart('/'))
                    .SetIntrospectionEndpointUris("connect/introspect")
                    .SetRevocationEndpointUris("connect/revoke")
                    .SetEndSessionEndpointUris("connect/endsession");
                o.AllowAuthorizationCodeFlow().RequireProofKeyForCodeExchange();
                o.AllowClientCredentialsFlow();
                o.RegisterScopes(Scopes.OpenId, Scopes.Profile, Scopes.Email, Scopes.Roles);
                o.AddEphemeralEncryptionKey().AddEphemeralSigningKey();
                // Signed, not encrypted, access tokens: the portal's API validates them like a Keycloak or Entra token.
                o.DisableAccessTokenEncryption();
                o.UseAspNetCore()
                    .EnableAuthorizationEndpointPassthrough()
                    .EnableTokenEndpointPassthrough()
                    .EnableEndSessionEndpointPassthrough()
                    // Development over loopback http only; the portal refuses this provider outside Development.
                    .DisableTransportSecurityRequirement();
            })
            // The realm's admin API accepts the connector's bearer tokens, validated against this same server.
            .AddValidation(o =>
            {
                o.UseLocalServer();
                o.EnableTokenEntryValidation();
                o.UseAspNetCore();
            });

        return settings with
        {
            Authority = issuer,
            ClientId = ClientId,
            ClientSecret = clientSecret,
            RequireHttpsMetadata = false,
            RoleClaimType = "roles",
            // This provider puts each demo account's portal role, by its exact name, in the "roles" claim.
            AcceptRoleNamesAsIs = true,
            RoleMap = settings.RoleMap.WithRoleNamesAsIs(),
            IsDevelopmentProvider = true,
        };
    }

    /// <summary>Creates the provider's store and registers the portal as its one confidential client.</summary>
    public static async Task PrepareDevelopmentIdentityProviderAsync(this WebApplication app)
    {
        var options = app.Services.GetService<DevIdentityProviderOptions>();
        if (options is null)
        {
            return;
        }
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DevIdentityProviderDbContext>().Database.EnsureCreatedAsync();
        var applications = scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>();
        var origin = new Uri(options.Issuer);
        var descriptor = new OpenIddictApplicationDescriptor
        {
            ClientId = ClientId,
            ClientSecret = options.ClientSecret,
            ClientType = ClientTypes.Confidential,
            ConsentType = ConsentTypes.Implicit,
            DisplayName = "NhiPortal",
            Permissions =
            {
                Permissions.Endpoints.Authorization, Permissions.Endpoints.PushedAuthorization,
                Permissions.Endpoints.Token, Permissions.Endpoints.EndSession,
                Permissions.GrantTypes.AuthorizationCode, Permissions.ResponseTypes.Code,
                Permissions.Scopes.Profile, Permissions.Scopes.Email, Permissions.Scopes.Roles,
            },
            Requirements = { Requirements.Features.ProofKeyForCodeExchange },
        };
        // The same port reached as localhost or 127.0.0.1 is one portal.
        foreach (var baseUri in new[] { "localhost", "127.0.0.1" }.Select(h => new UriBuilder(origin) { Host = h, Path = "/" }.Uri).Concat(options.PortalOrigins))
        {
            descriptor.RedirectUris.Add(new Uri(baseUri, "signin-oidc"));
            descriptor.PostLogoutRedirectUris.Add(new Uri(baseUri, "signout-callback-oidc"));
        }
        await applications.CreateAsync(descriptor);
        var realmClients = scope.ServiceProvider.GetRequiredService<DevRealmClients>();
        realmClients.SetSecret(ClientId, options.ClientSecret);

        await applications.CreateAsync(new OpenIddictApplicationDescriptor
        {
            ClientId = ConnectorClientId,
            ClientSecret = options.ConnectorSecret,
            ClientType = ClientTypes.Confidential,
            DisplayName = "NhiPortal connector",
            // Client credentials for the realm's admin API; introspection and revocation for RFC 7662/7009.
            Permissions = { Permissions.Endpoints.Introspection, Permissions.Endpoints.Revocation, Permissions.Endpoints.Token, Permissions.GrantTypes.ClientCredentials },
        });
        realmClients.SetSecret(ConnectorClientId, options.ConnectorSecret);
        foreach (var bot in DemoBotClientIds)
        {
            await applications.CreateAsync(new OpenIddictApplicationDescriptor
            {
                ClientId = bot,
                ClientSecret = options.DemoBotSecret,
                ClientType = ClientTypes.Confidential,
                DisplayName = bot,
                Permissions = { Permissions.Endpoints.Token, Permissions.Endpoints.Revocation, Permissions.GrantTypes.ClientCredentials },
            });
            realmClients.SetSecret(bot, options.DemoBotSecret);
        }
        var enrolment = scope.ServiceProvider.GetRequiredService<ApiClientEnrolment>();
        foreach (var (clientId, role) in DevAutomationClients.All)
        {
            var application = await applications.CreateAsync(new OpenIddictApplicationDescriptor
            {
                ClientId = clientId,
                ClientSecret = options.AutomationSecret,
                ClientType = ClientTypes.Confidential,
                DisplayName = $"Demo automation ({role})",
                Permissions = { Permissions.Endpoints.Token, Permissions.GrantTypes.ClientCredentials },
            });
            realmClients.SetSecret(clientId, options.AutomationSecret);
            await enrolment.EnsureAsync(new ApiClientEnrolmentRequest(ConnectorName, clientId, (await applications.GetIdAsync(application))!,
                $"Demo automation client with the {role} role, for the /api/v1 API", Core.Inventory.DeploymentEnvironment.Development,
                DevAutomationClients.OwnerSubject, Core.Credentials.Fingerprint.OfSecret(options.AutomationSecret)));
        }
    }

    /// <summary>Writes this start's random demo secret where only the current user can read it; returns the path.</summary>
    private static string WriteOwnerOnly(string path, string secret)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var ownerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            // Created readable by this user only, and tightened if an older file is being overwritten.
            options.UnixCreateMode = ownerOnly;
            if (File.Exists(path))
            {
                File.SetUnixFileMode(path, ownerOnly);
            }
        }
        using (var writer = new StreamWriter(path, new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: false), options))
        {
            writer.Write(secret);
        }
        return path;
    }

    private static string IssuerFrom(IConfiguration configuration)
    {
        var configured = configuration["DevIdentityProvider:Issuer"];
        var url = configured ?? (configuration["urls"] ?? "http://localhost:5000")
            .Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .OrderBy(u => u.StartsWith("https", StringComparison.OrdinalIgnoreCase) ? 1 : 0)
            .First();
        var uri = new UriBuilder(url.Replace("://*", "://localhost", StringComparison.Ordinal)
            .Replace("://+", "://localhost", StringComparison.Ordinal)
            .Replace("://0.0.0.0", "://localhost", StringComparison.Ordinal)) { Path = "/" };
        return uri.Uri.ToString();
    }
}

/// <summary>Holds the in-memory store open for the life of the process (SQLite drops it with the last connection).</summary>
public sealed class DevIdentityProviderConnection(SqliteConnection connection) : IDisposable
{
    public void Dispose() => connection.Dispose();
}

public sealed class DevIdentityProviderDbContext(DbContextOptions<DevIdentityProviderDbContext> options) : DbContext(options);
