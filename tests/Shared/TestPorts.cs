using System.Net;
using System.Net.Sockets;

namespace NhiPortal.Tests.Shared;

/// <summary>A free loopback port for a server a test starts (the portal, PostgreSQL, a local receiver).</summary>
public static class TestPorts
{
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
