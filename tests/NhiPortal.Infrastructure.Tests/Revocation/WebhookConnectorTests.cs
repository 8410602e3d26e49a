using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json;
using NhiPortal.Core.Credentials;
using NhiPortal.Core.Revocation;
using NhiPortal.Infrastructure.Connectors;
using NhiPortal.Tests.Shared;

namespace NhiPortal.Infrastructure.Tests.Revocation;

/// <summary>A local receiver on 127.0.0.1 that checks the signature the way a vault-side integration would.</summary>
public sealed class WebhookConnectorTests : IAsyncDisposable
{
    private static readonly byte[] Key = Encoding.UTF8.GetBytes("shared-signing-key-for-tests");
    private readonly HttpListener _listener = new();
    private readonly ConcurrentDictionary<string, bool> _active = new();
    private readonly ConcurrentQueue<(string Action, bool SignatureValid)> _received = new();
    private readonly Task _serving;
    private readonly Uri _url;

    public WebhookConnectorTests()
    {
        var port = TestPorts.Free();
        _url = new Uri($"http://127.0.0.1:{port}/nhi/");
        _listener.Prefixes.Add(_url.ToString());
        _listener.Start();
        _serving = ServeAsync();
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
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
            using var reader = new StreamReader(context.Request.InputStream);
            var body = await reader.ReadToEndAsync();
            var timestamp = context.Request.Headers[WebhookConnector.TimestampHeader] ?? "";
            var valid = context.Request.Headers[WebhookConnector.SignatureHeader] == "sha256=" + WebhookConnector.Sign(Key, timestamp, body);
            using var json = JsonDocument.Parse(body);
            var action = json.RootElement.GetProperty("action").GetString()!;
            var reference = json.RootElement.GetProperty("storeReference").GetString()!;
            _received.Enqueue((action, valid));
            object answer;
            if (!valid)
            {
                context.Response.StatusCode = 401;
                answer = new { status = "bad signature" };
            }
            else if (reference == "refuses")
            {
                context.Response.StatusCode = 409;
                answer = new { status = "key is locked by policy" };
            }
            else
            {
                if (action == "revoke")
                {
                    _active[reference] = false;
                }
                answer = new { status = action == "probe" ? "checked" : "done", active = _active.GetValueOrDefault(reference, true) };
            }
            var bytes = JsonSerializer.SerializeToUtf8Bytes(answer);
            context.Response.ContentType = "application/json";
            await context.Response.OutputStream.WriteAsync(bytes);
            context.Response.Close();
        }
    }

    private WebhookConnector Connector(byte[]? key = null) => new("vault-hook", _url, key ?? Key, new HttpClient(), TimeProvider.System);

    private static CredentialRef Ref(string reference) => new(Guid.NewGuid(), "deploy-key", CredentialKind.ApiKey, "vault-hook", reference, Fingerprint.OfSecret(reference));

    [Fact]
    public async Task Revoke_SendsASignedRequest_AndTheProbeSeesTheKeyInactive()
    {
        var connector = Connector();
        Assert.True((await connector.ProbeAsync(Ref("kv/deploy"), default)).StillAccepted);

        var result = await connector.RevokeAsync(Ref("kv/deploy"), default);

        Assert.True(result.Succeeded, result.Detail);
        Assert.Contains("HTTP 200", result.Detail, StringComparison.Ordinal);
        Assert.False((await connector.ProbeAsync(Ref("kv/deploy"), default)).StillAccepted);
        Assert.All(_received, r => Assert.True(r.SignatureValid));
    }

    [Fact]
    public async Task Revoke_TheReceiversRefusal_IsAFailureWithItsAnswerRecorded()
    {
        var result = await Connector().RevokeAsync(Ref("refuses"), default);

        Assert.False(result.Succeeded);
        Assert.Contains("HTTP 409", result.Detail, StringComparison.Ordinal);
        Assert.Contains("locked by policy", result.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AWrongKey_IsRejectedByTheReceiver()
    {
        var result = await Connector(Encoding.UTF8.GetBytes("not-the-key")).RevokeAsync(Ref("kv/other"), default);

        Assert.False(result.Succeeded);
        Assert.Contains("HTTP 401", result.Detail, StringComparison.Ordinal);
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        await _serving;
    }
}
