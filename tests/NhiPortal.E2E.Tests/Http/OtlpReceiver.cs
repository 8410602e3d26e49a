using System.Collections.Concurrent;
using System.Net;
using NhiPortal.Tests.Shared;

namespace NhiPortal.E2E.Tests.Http;

/// <summary>An OTLP/HTTP collector stand-in on 127.0.0.1: keeps each POST's path and body, answers 200.</summary>
public sealed class OtlpReceiver : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Task _loop;

    public OtlpReceiver()
    {
        Endpoint = $"http://127.0.0.1:{TestPorts.Free()}";
        _listener.Prefixes.Add(Endpoint + "/");
        _listener.Start();
        _loop = Task.Run(ServeAsync);
    }

    public string Endpoint { get; }

    public ConcurrentQueue<(string Path, string ContentType, byte[] Body)> Received { get; } = new();

    /// <summary>True once a body posted to <paramref name="path"/> holds every one of <paramref name="names"/> (protobuf keeps strings as UTF-8).</summary>
    public bool Saw(string path, params string[] names) =>
        names.All(n => Received.Any(r => r.Path == path && r.Body.AsSpan().IndexOf(System.Text.Encoding.UTF8.GetBytes(n)) >= 0));

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
            using var body = new MemoryStream();
            await context.Request.InputStream.CopyToAsync(body);
            Received.Enqueue((context.Request.Url!.AbsolutePath, context.Request.ContentType ?? "", body.ToArray()));
            context.Response.StatusCode = 200;
            context.Response.Close();
        }
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        await _loop;
    }
}
