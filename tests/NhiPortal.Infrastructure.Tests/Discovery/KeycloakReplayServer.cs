using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using System.Web;
using NhiPortal.Tests.Shared;

namespace NhiPortal.Infrastructure.Tests.Discovery;

/// <summary>
/// A loopback HTTP server that answers the documented subset of Keycloak's token endpoint and Admin REST API with
/// Keycloak's own JSON shapes (ClientRepresentation as older servers list it, secret included; CredentialRepresentation;
/// UserRepresentation; RoleRepresentation; EventRepresentation with epoch-ms times), so the source is tested on the wire.
/// </summary>
internal sealed class KeycloakReplayServer : IDisposable
{
    public const string Realm = "corp";
    public const string ClientId = "nhiportal-discovery";
    public const string ClientSecret = "discovery-secret-7f3a";
    private const string Token = "eyJhbGciOiJSUzI1NiJ9.replayed-token.sig";

    private readonly HttpListener _listener = new();
    private readonly CancellationTokenSource _stop = new();

    public KeycloakReplayServer()
    {
        Port = TestPorts.Free();
        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        _listener.Start();
        _ = Task.Run(LoopAsync);
    }

    public int Port { get; }

    public Uri BaseUrl => new($"http://127.0.0.1:{Port}/");

    public List<JsonObject> Clients { get; } = [];

    public Dictionary<string, string> Secrets { get; } = [];

    public List<JsonObject> Events { get; } = [];

    public ConcurrentQueue<string> Requests { get; } = new();

    /// <summary>When set, every admin call answers this status (a service account without roles: 403; an outage: 503).</summary>
    public HttpStatusCode? AdminStatus { get; set; }

    public void AddClient(string id, string clientId, bool serviceAccount = true, bool publicClient = false, bool bearerOnly = false, bool enabled = true,
        string authenticator = "client-secret", string? secret = null, Dictionary<string, string>? attributes = null, string? description = null)
    {
        var client = new JsonObject
        {
            ["id"] = id, ["clientId"] = clientId, ["name"] = clientId, ["surrogateAuthRequired"] = false, ["enabled"] = enabled,
            ["alwaysDisplayInConsole"] = false, ["clientAuthenticatorType"] = authenticator, ["redirectUris"] = new JsonArray(), ["webOrigins"] = new JsonArray(),
            ["notBefore"] = 0, ["bearerOnly"] = bearerOnly, ["consentRequired"] = false, ["standardFlowEnabled"] = !serviceAccount,
            ["implicitFlowEnabled"] = false, ["directAccessGrantsEnabled"] = false, ["serviceAccountsEnabled"] = serviceAccount, ["publicClient"] = publicClient,
            ["frontchannelLogout"] = true, ["protocol"] = "openid-connect",
            ["attributes"] = new JsonObject((attributes ?? []).Select(a => KeyValuePair.Create(a.Key, (JsonNode?)JsonValue.Create(a.Value)))),
            ["fullScopeAllowed"] = true, ["nodeReRegistrationTimeout"] = -1, ["defaultClientScopes"] = new JsonArray("web-origins", "profile", "roles", "email"),
            ["optionalClientScopes"] = new JsonArray("address", "phone", "offline_access"),
            ["access"] = new JsonObject { ["view"] = true, ["configure"] = true, ["manage"] = true },
        };
        if (description is not null)
        {
            client["description"] = description;
        }
        if (secret is not null)
        {
            client["secret"] = secret;
            Secrets[id] = secret;
        }
        Clients.Add(client);
    }

    public void AddEvent(long timeMs, string clientId, string ip, string type = "CLIENT_LOGIN") => Events.Add(new JsonObject
    {
        ["id"] = Guid.NewGuid().ToString(), ["time"] = timeMs, ["type"] = type, ["realmId"] = "a1b2c3", ["clientId"] = clientId,
        ["userId"] = $"sa-{clientId}", ["ipAddress"] = ip,
        ["details"] = new JsonObject { ["grant_type"] = "client_credentials", ["client_auth_method"] = "client-secret", ["token_id"] = Guid.NewGuid().ToString() },
    });

    private async Task LoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException)
            {
                return;
            }
            try
            {
                await AnswerAsync(context);
            }
            catch (Exception ex)
            {
                await WriteAsync(context, HttpStatusCode.InternalServerError, JsonValue.Create(ex.Message));
            }
        }
    }

    private async Task AnswerAsync(HttpListenerContext context)
    {
        var request = context.Request;
        var path = request.Url!.AbsolutePath;
        Requests.Enqueue($"{request.HttpMethod} {request.Url.PathAndQuery}");
        if (request.HttpMethod == "POST" && path == $"/realms/{Realm}/protocol/openid-connect/token")
        {
            using var reader = new StreamReader(request.InputStream, Encoding.UTF8);
            var form = HttpUtility.ParseQueryString(await reader.ReadToEndAsync());
            if (form["grant_type"] != "client_credentials" || form["client_id"] != ClientId || form["client_secret"] != ClientSecret)
            {
                await WriteAsync(context, HttpStatusCode.Unauthorized,
                    new JsonObject { ["error"] = "unauthorized_client", ["error_description"] = "Invalid client or Invalid client credentials" });
                return;
            }
            await WriteAsync(context, HttpStatusCode.OK, new JsonObject
            {
                ["access_token"] = Token, ["expires_in"] = 300, ["refresh_expires_in"] = 0, ["token_type"] = "Bearer", ["not-before-policy"] = 0, ["scope"] = "profile email",
            });
            return;
        }
        var admin = $"/admin/realms/{Realm}/";
        if (!path.StartsWith(admin, StringComparison.Ordinal))
        {
            await WriteAsync(context, HttpStatusCode.NotFound, new JsonObject { ["error"] = "Realm not found." });
            return;
        }
        if (request.Headers["Authorization"] != $"Bearer {Token}")
        {
            await WriteAsync(context, HttpStatusCode.Unauthorized, new JsonObject { ["error"] = "HTTP 401 Unauthorized" });
            return;
        }
        if (AdminStatus is { } status)
        {
            await WriteAsync(context, status, new JsonObject { ["error"] = status == HttpStatusCode.Forbidden ? "HTTP 403 Forbidden" : "unknown_error" });
            return;
        }
        var query = HttpUtility.ParseQueryString(request.Url.Query);
        var first = int.Parse(query["first"] ?? "0", System.Globalization.CultureInfo.InvariantCulture);
        var max = int.Parse(query["max"] ?? "100", System.Globalization.CultureInfo.InvariantCulture);
        var segments = path[admin.Length..].Split('/');
        JsonNode? body = segments switch
        {
            ["clients"] => new JsonArray(Clients.Skip(first).Take(max).Select(c => c.DeepClone()).ToArray()),
            ["clients", var id, "client-secret"] => Secrets.TryGetValue(id, out var secret) ? new JsonObject { ["type"] = "secret", ["value"] = secret } : null,
            ["clients", var id, "service-account-user"] => Clients.FirstOrDefault(c => (string)c["id"]! == id && (bool)c["serviceAccountsEnabled"]!) is { } c
                ? new JsonObject { ["id"] = $"u-{id}", ["username"] = $"service-account-{c["clientId"]}", ["enabled"] = true, ["emailVerified"] = false, ["createdTimestamp"] = 1764000000000 }
                : null,
            ["users", var user, "role-mappings", "realm"] => new JsonArray(
                Role("offline_access"), Role("uma_authorization"), Role($"reports-{user}")),
            ["events"] => new JsonArray(Events
                .Where(e => query.GetValues("type") is not { } types || types.Contains((string)e["type"]!))
                .Where(e => query["dateFrom"] is not { } from || (long)e["time"]! >= long.Parse(from, System.Globalization.CultureInfo.InvariantCulture))
                .OrderBy(e => query["direction"] == "asc" ? (long)e["time"]! : -(long)e["time"]!)
                .Skip(first).Take(max).Select(e => e.DeepClone()).ToArray()),
            _ => null,
        };
        await WriteAsync(context, body is null ? HttpStatusCode.NotFound : HttpStatusCode.OK, body ?? new JsonObject { ["error"] = "Could not find client" });
    }

    private static JsonObject Role(string name) => new()
    {
        ["id"] = Guid.NewGuid().ToString(), ["name"] = name, ["description"] = $"${{role_{name}}}", ["composite"] = false, ["clientRole"] = false, ["containerId"] = "a1b2c3",
    };

    private static async Task WriteAsync(HttpListenerContext context, HttpStatusCode status, JsonNode? body)
    {
        var bytes = Encoding.UTF8.GetBytes(body?.ToJsonString() ?? "null");
        context.Response.StatusCode = (int)status;
        context.Response.ContentType = "application/json";
        context.Response.ContentLength64 = bytes.Length;
        await context.Response.OutputStream.WriteAsync(bytes);
        context.Response.Close();
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Close();
        _stop.Dispose();
    }
}
