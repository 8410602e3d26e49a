using System.Net;
using System.Net.Sockets;
using NhiPortal.Tests.Shared;

namespace NhiPortal.Infrastructure.Tests.Discovery;

/// <summary>A loopback TCP relay to a server that closes both sides once the server has sent a given number of bytes: a server dying mid-response.</summary>
internal sealed class CuttingProxy : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly int _target;
    private readonly long _cutAfter;
    private readonly CancellationTokenSource _stop = new();
    private long _serverBytes;

    private CuttingProxy(TcpListener listener, int target, long cutAfter)
    {
        _listener = listener;
        _target = target;
        _cutAfter = cutAfter;
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public long ServerBytes => Interlocked.Read(ref _serverBytes);

    public static Task<CuttingProxy> StartAsync(int targetPort, long cutAfterServerBytes)
    {
        var listener = new TcpListener(IPAddress.Loopback, TestPorts.Free());
        listener.Start();
        var proxy = new CuttingProxy(listener, targetPort, cutAfterServerBytes);
        _ = proxy.AcceptAsync();
        return Task.FromResult(proxy);
    }

    private async Task AcceptAsync()
    {
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                _ = RelayAsync(client);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or SocketException)
        {
            // Stopped.
        }
    }

    private async Task RelayAsync(TcpClient client)
    {
        using var server = new TcpClient();
        using (client)
        {
            try
            {
                await server.ConnectAsync(IPAddress.Loopback, _target, _stop.Token);
                var upstream = client.GetStream().CopyToAsync(server.GetStream(), _stop.Token);
                var downstream = CopyUntilCutAsync(server.GetStream(), client.GetStream());
                await Task.WhenAny(upstream, downstream);
            }
            catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
            {
                // Either side went away.
            }
        }
    }

    private async Task CopyUntilCutAsync(Stream from, Stream to)
    {
        var buffer = new byte[512];
        while (true)
        {
            var allowed = (int)Math.Min(buffer.Length, _cutAfter - ServerBytes);
            if (allowed <= 0)
            {
                return;
            }
            var read = await from.ReadAsync(buffer.AsMemory(0, allowed), _stop.Token);
            if (read == 0)
            {
                return;
            }
            await to.WriteAsync(buffer.AsMemory(0, read), _stop.Token);
            Interlocked.Add(ref _serverBytes, read);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        _stop.Dispose();
    }
}
