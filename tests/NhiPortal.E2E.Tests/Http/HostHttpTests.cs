using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;

namespace NhiPortal.E2E.Tests.Http;

[Collection(PortalCollection.Name)]
public class HostHttpTests(PortalHost host)
{
    private HttpClient Client() => new(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(host.BaseUrl) };

    [Theory]
    [InlineData("/")]
    [InlineData("/audit")]
    [InlineData("/administration/sign-in")]
    public async Task Get_Unauthenticated_RedirectsToTheIdentityProvider(string path)
    {
        using var http = Client();

        var response = await http.GetAsync(path);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!.ToString();
        Assert.StartsWith($"{host.BaseUrl}/connect/authorize?", location, StringComparison.Ordinal);
        Assert.Contains("client_id=nhiportal-dev", location, StringComparison.Ordinal);
        // The provider advertises PAR, so the handler pushed the request (with its PKCE challenge) first.
        Assert.Contains("request_uri=", location, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Health_ChecksTheDatabase()
    {
        using var http = Client();

        var response = await http.GetAsync("/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("/health/live")]
    [InlineData("/health/ready")]
    public async Task LiveAndReady_AnswerWithoutSignIn_AndTheRunningPortalIsReady(string path)
    {
        using var http = Client();

        var response = await http.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Discovery_AdvertisesCodeFlowWithS256AndPushedAuthorization()
    {
        using var http = Client();

        using var doc = JsonDocument.Parse(await http.GetStringAsync("/.well-known/openid-configuration"));

        var root = doc.RootElement;
        Assert.Equal($"{host.BaseUrl}/", root.GetProperty("issuer").GetString());
        Assert.Equal(["code"], root.GetProperty("response_types_supported").EnumerateArray().Select(e => e.GetString()));
        Assert.Contains("S256", root.GetProperty("code_challenge_methods_supported").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal($"{host.BaseUrl}/connect/par", root.GetProperty("pushed_authorization_request_endpoint").GetString());
        Assert.Equal($"{host.BaseUrl}/connect/endsession", root.GetProperty("end_session_endpoint").GetString());
    }

    [Fact]
    public async Task DevLogin_ForgedPostWithoutAntiforgeryToken_IsRejected()
    {
        using var http = Client();

        var response = await http.PostAsync("/dev-idp/login", new FormUrlEncodedContent(
            [KeyValuePair.Create("userName", "admin"), KeyValuePair.Create("password", "demo")]));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.DoesNotContain(response.Headers, h => h.Key == "Set-Cookie" && h.Value.Any(v => v.StartsWith("nhiportal.devidp", StringComparison.Ordinal)));
    }

    [Fact]
    public void Startup_PrintsTheUrlAndEveryDemoAccount()
    {
        var output = host.Output;

        Assert.Contains("NhiPortal is running. Open:", output, StringComparison.Ordinal);
        Assert.Contains(host.BaseUrl, output, StringComparison.Ordinal);
        foreach (var account in new[] { "admin", "operator", "reviewer", "auditor", "visitor" })
        {
            Assert.Matches($@"(?m)^\s+{account}\s+", output);
        }
    }
}

public class StartupRefusalTests
{
    private static async Task<string> RefusedOutputAsync(IReadOnlyDictionary<string, string> extra)
    {
        var output = new StringBuilder();
        var directory = Directory.CreateTempSubdirectory("nhi-refuse-").FullName;
        var environment = new Dictionary<string, string>(extra)
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["ASPNETCORE_URLS"] = "http://127.0.0.1:0",
            ["ConnectionStrings__NhiPortal"] = $"Data Source={Path.Combine(directory, "portal.db")}",
            // Everything else Production needs, so what the test leaves out is the reason.
            ["DataProtection__CertificatePath"] = TestCertificate.WritePfx(directory),
            ["DataProtection__CertificatePassword"] = TestCertificate.Password,
        };
        using var process = PortalHost.Start(environment, output);

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);

        Assert.NotEqual(0, process.ExitCode);
        Debug.Assert(process.HasExited);
        return output.ToString();
    }

    [Fact]
    public async Task Start_OutsideDevelopmentWithoutAnIdentityProvider_RefusesWithAClearMessage()
    {
        // A valid audit key, so the identity provider is what is missing.
        var output = await RefusedOutputAsync(new Dictionary<string, string>
        {
            ["Audit__ChainKey"] = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)),
        });

        Assert.Contains("runs only in the Development environment", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_OutsideDevelopmentWithoutAnAuditChainKey_RefusesNamingTheSetting()
    {
        var output = await RefusedOutputAsync(new Dictionary<string, string>());

        Assert.Contains("Audit:ChainKey is not set", output, StringComparison.Ordinal);
    }
}
