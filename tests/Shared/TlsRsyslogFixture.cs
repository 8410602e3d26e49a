namespace NhiPortal.Tests.Shared;

/// <summary>One TLS rsyslog (gtls, a test CA's certificate for 127.0.0.1) per test class.</summary>
public sealed class TlsRsyslogFixture : Xunit.IAsyncLifetime
{
    public RsyslogServer Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await RsyslogServer.StartAsync(tls: true);

    public async Task DisposeAsync() => await Server.DisposeAsync();
}
