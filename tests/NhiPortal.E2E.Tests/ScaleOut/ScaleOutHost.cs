using System.Security.Cryptography;
using NhiPortal.E2E.Tests.Http;
using NhiPortal.Tests.Shared;
using Npgsql;

namespace NhiPortal.E2E.Tests.ScaleOut;

/// <summary>
/// Production's shape on one machine: two portal instances (Production settings, certificate-protected keys, the
/// migrate step run first) on one PostgreSQL database, behind nginx with the repository's site file over TLS; a third
/// portal process in Development stands in for the organisation's identity provider (its built-in OIDC provider).
/// </summary>
public sealed class ScaleOutHost : IAsyncLifetime
{
    private const string ClientSecret = "scale-out-client-secret-not-for-production";
    private readonly string _directory = Directory.CreateTempSubdirectory("nhiportal-scaleout-").FullName;
    private readonly string _chainKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
    private readonly int _proxyPort = TestPorts.Free();

    public PostgresServer Postgres { get; private set; } = null!;

    public PortalProcess IdentityProvider { get; } = new();

    public PortalProcess A { get; private set; } = null!;

    public PortalProcess B { get; private set; } = null!;

    public NginxServer Proxy { get; private set; } = null!;

    /// <summary>The far end of both instances' webhook connector <see cref="WebhookConnectorName"/>.</summary>
    public HeldWebhookReceiver Webhook { get; } = new();

    public const string WebhookConnectorName = "scale-out-hook";

    public TestCertificates Certificates { get; private set; } = null!;

    public string ProxyUrl => $"https://127.0.0.1:{_proxyPort}";

    public string DatabaseConnection { get; private set; } = "";

    public async Task InitializeAsync()
    {
        Certificates = TestCertificates.Create(_directory);
        // Production runs a published copy: the static web assets (MudBlazor's, Blazor's script) are files only there.
        var published = await PublishAsync();
        A = new PortalProcess(published);
        B = new PortalProcess(published);
        Postgres = await PostgresServer.StartAsync();
        await Postgres.ExecuteAsync("CREATE DATABASE nhiportal");
        DatabaseConnection = new NpgsqlConnectionStringBuilder(Postgres.AdminConnectionString) { Database = "nhiportal", Timeout = 15 }.ConnectionString;

        var idp = IdentityProvider.Environment("Development");
        idp["DevIdentityProvider__ClientSecret"] = ClientSecret;
        idp["DevIdentityProvider__PortalOrigins"] = ProxyUrl;
        idp["DemoData__Enabled"] = "false";
        await IdentityProvider.StartAsync(idp);

        // The explicit migrate step, then the instances, which refuse a database behind their build.
        Assert.Equal(0, await A.RunAsync(Instance(A, seed: true), "migrate"));
        A.Stop();
        await A.StartAsync(Instance(A, seed: true));
        await B.StartAsync(Instance(B, seed: false));
        Proxy = await NginxServer.StartAsync(Path.Combine(PortalHost.RepositoryRoot, "deploy", "nginx", "nhiportal.conf"),
            [new Uri(A.BaseUrl).Authority, new Uri(B.BaseUrl).Authority], Certificates, _proxyPort);
    }

    private async Task<string> PublishAsync()
    {
        var output = Path.Combine(_directory, "publish");
        var configuration = PortalHost.WebBin.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
        var start = new System.Diagnostics.ProcessStartInfo("dotnet",
            ["publish", Path.Combine(PortalHost.RepositoryRoot, "src", "NhiPortal.Web"), "-c", configuration, "--no-build", "-o", output, "-nologo"])
        {
            RedirectStandardOutput = true, RedirectStandardError = true,
        };
        using var process = System.Diagnostics.Process.Start(start)!;
        var log = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"dotnet publish failed: {await log}{await errors}");
        return output;
    }

    /// <summary>What each instance is started with; the same for both but its own address and heads file.</summary>
    public Dictionary<string, string> Instance(PortalProcess instance, bool seed)
    {
        var environment = instance.Environment("Production");
        environment["Database__Provider"] = "PostgreSQL";
        environment["ConnectionStrings__NhiPortal"] = DatabaseConnection;
        environment["Authentication__Oidc__Authority"] = IdentityProvider.BaseUrl + "/";
        environment["Authentication__Oidc__ClientId"] = "nhiportal-dev";
        environment["Authentication__Oidc__ClientSecret"] = ClientSecret;
        environment["Authentication__Oidc__RequireHttpsMetadata"] = "false";
        environment["Authentication__Oidc__RoleClaimType"] = "roles";
        environment["Authentication__Oidc__AcceptRoleNamesAsIs"] = "true";
        environment["Audit__ChainKey"] = _chainKey;
        environment["Audit__HeadsFile"] = Path.Combine(instance.DataDirectory, "audit-heads.jsonl");
        // One certificate for both: each reads the keys the other wrote.
        environment["DataProtection__CertificatePath"] = SharedPfx();
        environment["DataProtection__CertificatePassword"] = TestCertificate.Password;
        environment["ReverseProxy__KnownProxies"] = "127.0.0.1";
        environment["DemoData__Enabled"] = seed ? "true" : "false";
        environment["Revocation__StaleAfterSeconds"] = "5";
        environment["Revocation__PollSeconds"] = "1";
        environment[$"Connectors__{WebhookConnectorName}__Kind"] = "webhook";
        environment[$"Connectors__{WebhookConnectorName}__Url"] = Webhook.Url;
        environment[$"Connectors__{WebhookConnectorName}__SigningKey"] = HeldWebhookReceiver.SigningKey;
        return environment;
    }

    private string SharedPfx() => _pfx ??= TestCertificate.WritePfx(_directory);

    private string? _pfx;

    /// <summary>A client that trusts only the proxy's test CA.</summary>
    public HttpClientHandler TrustingHandler() => new()
    {
        ServerCertificateCustomValidationCallback = (_, certificate, _, _) =>
            certificate is not null && certificate.GetCertHashString() == Certificates.Server.GetCertHashString(),
    };

    public async Task DisposeAsync()
    {
        if (Proxy is not null)
        {
            await Proxy.DisposeAsync();
        }
        if (B is not null)
        {
            await B.DisposeAsync();
        }
        if (A is not null)
        {
            await A.DisposeAsync();
        }
        await IdentityProvider.DisposeAsync();
        await Webhook.DisposeAsync();
        if (Postgres is not null)
        {
            await Postgres.DisposeAsync();
        }
        Certificates?.Dispose();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // Left to the OS temp cleaner.
        }
    }
}
