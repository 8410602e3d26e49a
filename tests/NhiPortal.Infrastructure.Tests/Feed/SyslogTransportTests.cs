using System.Net;
using System.Net.Sockets;
using System.Text;
using NhiPortal.Core.Feed;
using NhiPortal.Infrastructure.Feed;

namespace NhiPortal.Infrastructure.Tests.Feed;

/// <summary>The syslog transport against a real TCP listener on 127.0.0.1 that the test controls byte by byte.</summary>
public class SyslogTransportTests
{
    private static FeedMessage Message(long id) => new(id.ToString(System.Globalization.CultureInfo.InvariantCulture), id, "T", FeedSeverity.Informational,
        DateTime.UtcNow, $"event {id}", [new("id", id.ToString(System.Globalization.CultureInfo.InvariantCulture))]);

    private static async Task<string> ReadAvailableAsync(TcpClient client, int expectedFrames)
    {
        var stream = client.GetStream();
        var text = new StringBuilder();
        var buffer = new byte[8192];
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (CountFrames(text.ToString()) < expectedFrames)
        {
            var read = await stream.ReadAsync(buffer, timeout.Token);
            if (read == 0)
            {
                break;
            }
            text.Append(Encoding.UTF8.GetString(buffer, 0, read));
        }
        return text.ToString();
    }

    private static int CountFrames(string text) => text.Split("[nhiportal@32473 ").Length - 1;

    [Fact]
    public async Task Send_AfterTheReceiverClosedTheConnection_ReconnectsAndSendsThePreviousBatchAgainFirst()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        await using var transport = new SyslogTransport("127.0.0.1", port, false, null, null, new FeedOptions());

        var first = transport.SendAsync([Message(1), Message(2)], CancellationToken.None);
        using (var connection = await listener.AcceptTcpClientAsync())
        {
            Assert.Null((await first).Error);
            Assert.Equal(2, CountFrames(await ReadAvailableAsync(connection, 2)));
        }
        // The receiver closed (a restart): the next batch goes on a new connection, after batch 1-2 once more.
        await Task.Delay(200);
        var second = transport.SendAsync([Message(3)], CancellationToken.None);
        using var again = await listener.AcceptTcpClientAsync();
        var result = await second;
        var received = await ReadAvailableAsync(again, 3);

        Assert.Null(result.Error);
        Assert.Equal(1, result.Delivered);
        Assert.Equal(["1", "2", "3"], System.Text.RegularExpressions.Regex.Matches(received, "id=\"(\\d+)\"").Select(m => m.Groups[1].Value));
    }

    [Fact]
    public async Task Send_ReceiverNotListening_ReportsTheErrorAndDeliversNothing()
    {
        var port = NhiPortal.Tests.Shared.TestPorts.Free();
        await using var transport = new SyslogTransport("127.0.0.1", port, false, null, null, new FeedOptions { ConnectTimeoutSeconds = 2 });

        var result = await transport.SendAsync([Message(1)], CancellationToken.None);

        Assert.Equal(0, result.Delivered);
        Assert.Contains("ConnectionRefused", result.Error, StringComparison.Ordinal);
    }
}
