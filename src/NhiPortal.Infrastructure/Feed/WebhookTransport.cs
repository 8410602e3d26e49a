using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using NhiPortal.Core.Feed;

namespace NhiPortal.Infrastructure.Feed;

/// <summary>
/// One HTTPS POST per message over a kept-alive connection, signed per Standard Webhooks (<c>webhook-id</c> = the event
/// id). A 2xx is delivered; anything else stops the batch there, with the status as the error.
/// </summary>
internal sealed class WebhookTransport : IFeedTransport
{
    /// <summary>How long one pass keeps posting before it leaves the rest to the next (see FeedDeliveryJob's lease).</summary>
    public static readonly TimeSpan PassBudget = TimeSpan.FromSeconds(20);

    private readonly FeedDestination _destination;
    private readonly Uri _url;
    private readonly TimeProvider _clock;
    private readonly FeedCertificateCheck _check;
    private readonly HttpClient _http;

    /// <summary>Each POST is acknowledged by its 2xx: nothing written is left unconfirmed.</summary>
    public bool WantsHistory => false;

    public WebhookTransport(FeedDestination destination, FeedOptions options, TimeProvider clock)
    {
        _destination = destination;
        _url = new Uri(destination.Address);
        _clock = clock;
        _check = new FeedCertificateCheck(destination.CaFile, destination.PinnedThumbprint);
        // Its own handler: the trust decision (CA file, pin) belongs to this destination only.
        var handler = new SocketsHttpHandler
        {
            ConnectTimeout = options.ConnectTimeout,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(2),
            AllowAutoRedirect = false,
            UseProxy = false,
        };
        handler.SslOptions.RemoteCertificateValidationCallback = _check.Validate;
        _http = new HttpClient(handler) { Timeout = options.SendTimeout };
    }

    public async Task<FeedSendResult> SendAsync(IReadOnlyList<FeedMessage> messages, CancellationToken ct)
    {
        IReadOnlyList<byte[]> keys;
        try
        {
            keys = FeedSecrets.SigningKeys(_destination);
        }
        catch (FeedDeliveryException ex)
        {
            return new FeedSendResult(0, ex.Message);
        }
        var mediaType = _destination.Format switch
        {
            FeedFormat.Ocsf => "application/json",
            FeedFormat.Cef => "text/plain",
        };
        var started = _clock.GetTimestamp();
        for (var i = 0; i < messages.Count; i++)
        {
            if (i > 0 && _clock.GetElapsedTime(started) > PassBudget)
            {
                // The rest go in the next pass, after the lease is renewed: one slow receiver never outlives the lease.
                return new FeedSendResult(i, null);
            }
            var body = Encoding.UTF8.GetBytes(messages[i].Body);
            var timestamp = _clock.GetUtcNow().ToUnixTimeSeconds();
            using var request = new HttpRequestMessage(HttpMethod.Post, _url) { Content = new ByteArrayContent(body) };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue(mediaType) { CharSet = "utf-8" };
            request.Headers.Add("webhook-id", messages[i].Id);
            request.Headers.Add("webhook-timestamp", timestamp.ToString(CultureInfo.InvariantCulture));
            request.Headers.Add("webhook-signature", WebhookSignature.Sign(messages[i].Id, timestamp, body, keys));
            try
            {
                using var response = await _http.SendAsync(request, ct);
                if (!response.IsSuccessStatusCode)
                {
                    return new FeedSendResult(i, $"HTTP {(int)response.StatusCode} {response.ReasonPhrase} from {_url.Host}:{_url.Port}");
                }
            }
            catch (HttpRequestException ex)
            {
                return new FeedSendResult(i, _check.Refusal is { } refusal ? $"TLS with {_url.Host}:{_url.Port} refused: {refusal}" : $"{_url.Host}:{_url.Port}: {ex.Message}");
            }
            catch (TaskCanceledException) when (!ct.IsCancellationRequested)
            {
                return new FeedSendResult(i, $"{_url.Host}:{_url.Port} timed out");
            }
        }
        return new FeedSendResult(messages.Count, null);
    }

    public ValueTask DisposeAsync()
    {
        _http.Dispose();
        return ValueTask.CompletedTask;
    }
}
