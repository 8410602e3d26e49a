using System.DirectoryServices.Protocols;
using System.Net;

namespace NhiPortal.Infrastructure.Ldap;

/// <summary>
/// Where and as whom to bind: <c>ldap://host:port</c> or <c>ldaps://host:port</c>, a bind DN, and a password read only
/// when a connection is opened (from the variable or file the configuration names). Each call opens its own
/// connection: LDAP handles are not safe to share across concurrent callers.
/// </summary>
internal sealed record LdapEndpoint(Uri Url, string BindDn, Func<string> ReadPassword, TimeSpan Timeout)
{
    // Result codes (RFC 4511) and libldap's client-side codes, for messages a person can act on.
    private const int InvalidCredentials = 49;
    private const int ServerDown = 81;
    private const int LocalTimeout = 85;
    private const int ConnectError = 91;

    public static LdapEndpoint Parse(string url, string bindDn, Func<string> readPassword, TimeSpan timeout)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("ldap" or "ldaps") || uri.Host.Length == 0)
        {
            throw new InvalidOperationException($"\"{url}\" is not an LDAP URL (ldap://host:port or ldaps://host:port).");
        }
        return new LdapEndpoint(uri, bindDn, readPassword, timeout);
    }

    public bool Secure => Url.Scheme == "ldaps";

    public int Port => Url.IsDefaultPort || Url.Port <= 0 ? (Secure ? 636 : 389) : Url.Port;

    /// <summary>The URL without any path, for messages and the Sources page.</summary>
    public string Display => $"{Url.Scheme}://{Url.Host}:{Port}";

    /// <summary>Opens and binds a connection; a refused bind, an unreachable server or a timeout throws <see cref="LdapCallFailedException"/>.</summary>
    public LdapConnection Open()
    {
        var connection = new LdapConnection(new LdapDirectoryIdentifier(Url.Host, Port, fullyQualifiedDnsHostName: false, connectionless: false),
            new NetworkCredential(BindDn, ReadPassword()), AuthType.Basic)
        {
            Timeout = Timeout,
        };
        try
        {
            connection.SessionOptions.ProtocolVersion = 3;
            connection.SessionOptions.ReferralChasing = ReferralChasingOptions.None;
            if (Secure)
            {
                connection.SessionOptions.SecureSocketLayer = true;
            }
            connection.Bind();
            return connection;
        }
        catch (Exception ex)
        {
            connection.Dispose();
            throw Failure(ex, "bind");
        }
    }

    /// <summary>One request with the endpoint's timeout; failures become <see cref="LdapCallFailedException"/> except the result codes the caller handles.</summary>
    public DirectoryResponse Send(LdapConnection connection, DirectoryRequest request, string during, params ResultCode[] handled)
    {
        try
        {
            return connection.SendRequest(request, Timeout);
        }
        catch (DirectoryOperationException ex) when (ex.Response is { } response && handled.Contains(response.ResultCode))
        {
            return response;
        }
        catch (Exception ex) when (ex is not LdapCallFailedException)
        {
            throw Failure(ex, during);
        }
    }

    public LdapCallFailedException Failure(Exception ex, string during)
    {
        var reason = ex switch
        {
            LdapException { ErrorCode: InvalidCredentials } => "the server refused the bind DN and password (invalid credentials)",
            LdapException { ErrorCode: ServerDown or ConnectError } => "the server is unreachable or closed the connection",
            LdapException { ErrorCode: LocalTimeout } or TimeoutException => $"no answer within {Timeout.TotalSeconds:0.#} s",
            DirectoryOperationException { Response: { } response } => $"{response.ResultCode}{(string.IsNullOrWhiteSpace(response.ErrorMessage) ? "" : $": {response.ErrorMessage}")}",
            LdapException ldap => $"LDAP error {ldap.ErrorCode}: {ldap.Message}{(string.IsNullOrWhiteSpace(ldap.ServerErrorMessage) ? "" : $" ({ldap.ServerErrorMessage})")}",
            _ => ex.Message,
        };
        return new LdapCallFailedException($"LDAP {during} at {Display} as \"{BindDn}\" failed: {reason}", ex);
    }
}
