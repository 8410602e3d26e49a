using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using NhiPortal.Tests.Shared;

namespace NhiPortal.Infrastructure.Tests.Feed;

/// <summary>
/// A local HTTPS webhook receiver (Kestrel on 127.0.0.1, a certificate from a test CA) that verifies Standard Webhooks
/// signatures on its own (HMAC-SHA256 over <c>id.timestamp.body</c>, any of the header's <c>v1,</c> values against any
/// secret it accepts), answers 401 to a bad one, 503 while unavailable, and dedupes what it accepted by webhook-id.
/// </summary>
internal sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly string _directory = Directory.CreateTempSubdirectory("nhiportal-webhook-").FullName;

    private WebhookReceiver(int port)
    {
        Port = port;
        Certificates = TestCertificates.Create(_directory);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, port, l => l.UseHttps(Certificates.Server)));
        _app = builder.Build();
        _app.MapPost("/hook", HandleAsync);
    }

    public int Port { get; }

    public string Url => $"https://127.0.0.1:{Port}/hook";

    public TestCertificates Certificates { get; }

    /// <summary>The secrets (<c>whsec_…</c>) a signature may be made with; set by the test as the receiver rotates.</summary>
    public IReadOnlyList<string> AcceptedSecrets { get; set; } = [];

    public bool Unavailable { get; set; }

    /// <summary>Accepted messages by webhook-id (a second delivery of an id is counted, not stored twice).</summary>
    public ConcurrentDictionary<string, string> Accepted { get; } = new();

    public ConcurrentQueue<string> AcceptedInOrder { get; } = new();

    /// <summary>Every verified delivery's webhook-id in arrival order, a second delivery of an id included.</summary>
    public ConcurrentQueue<string> Deliveries { get; } = new();

    public ConcurrentQueue<string> SignatureHeaders { get; } = new();

    public int Rejected => _rejected;

    public int Refused503 => _refused503;

    private int _rejected;
    private int _refused503;

    public static async Task<WebhookReceiver> StartAsync()
    {
        var receiver = new WebhookReceiver(TestPorts.Free());
        await receiver._app.StartAsync();
        return receiver;
    }

    private async Task<IResult> HandleAsync(HttpRequest request)
    {
        if (Unavailable)
        {
            Interlocked.Increment(ref _refused503);
            return Results.StatusCode(503);
        }
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer);
        var body = buffer.ToArray();
        var id = request.Headers["webhook-id"].ToString();
        var timestamp = request.Headers["webhook-timestamp"].ToString();
        var signatures = request.Headers["webhook-signature"].ToString();
        SignatureHeaders.Enqueue(signatures);
        if (!Verifies(id, timestamp, body, signatures))
        {
            Interlocked.Increment(ref _rejected);
            return Results.Unauthorized();
        }
        Deliveries.Enqueue(id);
        if (Accepted.TryAdd(id, Encoding.UTF8.GetString(body)))
        {
            AcceptedInOrder.Enqueue(id);
        }
        return Results.NoContent();
    }

    private bool Verifies(string id, string timestamp, byte[] body, string header)
    {
        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            || Math.Abs(DateTimeOffset.UtcNow.ToUnixTimeSeconds() - seconds) > 300)
        {
            return false;
        }
        var content = Encoding.UTF8.GetBytes($"{id}.{timestamp}.").Concat(body).ToArray();
        var offered = header.Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(s => s.StartsWith("v1,", StringComparison.Ordinal))
            .Select(s => s[3..]).ToList();
        foreach (var secret in AcceptedSecrets)
        {
            using var hmac = new HMACSHA256(Convert.FromBase64String(secret["whsec_".Length..]));
            var expected = Encoding.ASCII.GetBytes(Convert.ToBase64String(hmac.ComputeHash(content)));
            if (offered.Any(o => CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(o), expected)))
            {
                return true;
            }
        }
        return false;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        Certificates.Dispose();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // The temp cleaner gets it.
        }
    }
}
