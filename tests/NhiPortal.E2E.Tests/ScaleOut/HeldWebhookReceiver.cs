using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using NhiPortal.Infrastructure.Connectors;
using NhiPortal.Tests.Shared;

namespace NhiPortal.E2E.Tests.ScaleOut;

/// <summary>
/// The far end of a webhook connector on 127.0.0.1 that can hold revocations: it checks each request's signature,
/// counts revocations per credential, and after <see cref="Hold"/> holds every further one unanswered until
/// released, so a run is caught halfway through on the instance executing it.
/// </summary>
public sealed class HeldWebhookReceiver : IAsyncDisposable
{
    public const string SigningKey = "scale-out-webhook-signing-key";

    private readonly HttpListener _listener = new();
    private readonly Task _loop;
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _holdAfter = int.MaxValue;
    private int _revocations;
    private int _held;

    public HeldWebhookReceiver()
    {
        Url = $"http://127.0.0.1:{TestPorts.Free()}/revoke/";
        _listener.Prefixes.Add(Url);
        _listener.Start();
        _loop = Task.Run(ServeAsync);
    }

    public string Url { get; }

    /// <summary>Revocation requests per credential id, counted as they arrive (held ones included).</summary>
    public ConcurrentDictionary<Guid, int> Revocations { get; } = new();

    public int Held => Volatile.Read(ref _held);

    public int Received => Volatile.Read(ref _revocations);

    public int BadSignatures { get; private set; }

    /// <summary>Answers the first <paramref name="answered"/> revocations from now on, then holds the rest.</summary>
    public void Hold(int answered) => _holdAfter = Received + answered;

    public void Release() => _released.TrySetResult();

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
            // Each request on its own: a held one must not stop the others being read.
            _ = Task.Run(() => AnswerAsync(context));
        }
    }

    private async Task AnswerAsync(HttpListenerContext context)
    {
        try
        {
            using var reader = new StreamReader(context.Request.InputStream);
            var body = await reader.ReadToEndAsync();
            var timestamp = context.Request.Headers[WebhookConnector.TimestampHeader] ?? "";
            if (context.Request.Headers[WebhookConnector.SignatureHeader] != "sha256=" + WebhookConnector.Sign(System.Text.Encoding.UTF8.GetBytes(SigningKey), timestamp, body))
            {
                BadSignatures++;
                context.Response.StatusCode = 401;
                context.Response.Close();
                return;
            }
            using var json = JsonDocument.Parse(body);
            var action = json.RootElement.GetProperty("action").GetString();
            if (action == "revoke")
            {
                Revocations.AddOrUpdate(json.RootElement.GetProperty("credentialId").GetGuid(), 1, (_, n) => n + 1);
                if (Interlocked.Increment(ref _revocations) > _holdAfter)
                {
                    Interlocked.Increment(ref _held);
                    await _released.Task;
                }
            }
            var answer = JsonSerializer.SerializeToUtf8Bytes(new { status = action == "probe" ? "checked: gone" : "revoked", active = false });
            context.Response.ContentType = "application/json";
            await context.Response.OutputStream.WriteAsync(answer);
            context.Response.Close();
        }
        catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or IOException)
        {
            // The caller went away (the instance that sent it was killed).
        }
    }

    public async ValueTask DisposeAsync()
    {
        Release();
        _listener.Stop();
        _listener.Close();
        await _loop;
    }
}
