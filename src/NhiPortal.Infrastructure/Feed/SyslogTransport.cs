using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using NhiPortal.Core.Feed;

namespace NhiPortal.Infrastructure.Feed;

/// <summary>
/// RFC 5424 over one long-lived TCP or TLS connection, octet-counted. A write only proves the bytes reached the local
/// send buffer: a receiver that hangs or a path that drops can swallow several batches before a write fails. So
/// before each batch it checks the peer is still there, and after every reconnect it sends again everything written
/// recently (the last <see cref="ResendWindowBytes"/>, more than the kernel buffers on both ends hold): at least once,
/// and the receiver dedupes by id. A new transport (a start, or a lease taken over from another instance) has no such
/// memory, so it asks for the last events before the cursor from the database (<see cref="WantsHistory"/>).
/// </summary>
internal sealed class SyslogTransport(string host, int port, bool tls, string? caFile, string? pinnedThumbprint, FeedOptions options) : IFeedTransport
{
    private static readonly string HostName = Environment.MachineName;
    private TcpClient? _client;
    private Stream? _stream;
    private readonly Queue<byte[]> _recent = new();
    private long _recentBytes;
    private bool _sent;

    public bool WantsHistory => !_sent;

    /// <summary>How much of what was written is sent again after a reconnect.</summary>
    public const long ResendWindowBytes = 16 * 1024 * 1024;

    public async Task<FeedSendResult> SendAsync(IReadOnlyList<FeedMessage> messages, CancellationToken ct)
    {
        var batch = Frames(messages);
        if (_client is not null && PeerClosed(_client.Client))
        {
            Close();
        }
        var resend = _stream is null ? _recent.ToList() : [];
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        try
        {
            if (_stream is null)
            {
                timeout.CancelAfter(options.ConnectTimeout);
                _stream = await ConnectAsync(timeout.Token);
            }
            timeout.CancelAfter(options.SendTimeout);
            foreach (var earlier in resend)
            {
                await _stream.WriteAsync(earlier, timeout.Token);
            }
            await _stream.WriteAsync(batch, timeout.Token);
            await _stream.FlushAsync(timeout.Token);
        }
        catch (Exception ex) when (ex is SocketException or IOException or AuthenticationException or FeedDeliveryException
            || (ex is OperationCanceledException && !ct.IsCancellationRequested))
        {
            Close();
            return new FeedSendResult(0, Describe(ex));
        }
        _sent = true;
        _recent.Enqueue(batch);
        _recentBytes += batch.Length;
        while (_recent.Count > 1 && _recentBytes > ResendWindowBytes)
        {
            _recentBytes -= _recent.Dequeue().Length;
        }
        return new FeedSendResult(messages.Count, null);
    }

    public static byte[] Frames(IReadOnlyList<FeedMessage> messages)
    {
        var frames = messages.Select(m => SyslogFrame.Frame(SyslogFrame.Message(m, HostName))).ToList();
        var all = new byte[frames.Sum(f => f.Length)];
        var at = 0;
        foreach (var frame in frames)
        {
            frame.CopyTo(all, at);
            at += frame.Length;
        }
        return all;
    }

    private async Task<Stream> ConnectAsync(CancellationToken ct)
    {
        var client = new TcpClient { NoDelay = true };
        try
        {
            await client.ConnectAsync(host, port, ct);
            Stream stream = client.GetStream();
            if (tls)
            {
                var check = new FeedCertificateCheck(caFile, pinnedThumbprint);
                var ssl = new SslStream(stream, leaveInnerStreamOpen: false, check.Validate);
                try
                {
                    await ssl.AuthenticateAsClientAsync(new SslClientAuthenticationOptions { TargetHost = host }, ct);
                }
                catch (AuthenticationException ex)
                {
                    await ssl.DisposeAsync();
                    throw new FeedDeliveryException($"TLS with {host}:{port} refused: {check.Refusal ?? ex.Message}", ex);
                }
                stream = ssl;
            }
            _client = client;
            return stream;
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    // Readable with nothing to read means the peer sent FIN (a syslog receiver never sends data).
    private static bool PeerClosed(Socket socket)
    {
        try
        {
            return socket.Poll(0, SelectMode.SelectRead) && socket.Available == 0;
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            return true;
        }
    }

    private string Describe(Exception ex) => ex switch
    {
        FeedDeliveryException => ex.Message,
        OperationCanceledException => $"{host}:{port} timed out",
        SocketException s => $"{host}:{port}: {s.SocketErrorCode} ({s.Message})",
        _ => $"{host}:{port}: {ex.GetType().Name}: {ex.Message}",
    };

    private void Close()
    {
        _stream?.Dispose();
        _client?.Dispose();
        _stream = null;
        _client = null;
    }

    public ValueTask DisposeAsync()
    {
        Close();
        return ValueTask.CompletedTask;
    }
}
