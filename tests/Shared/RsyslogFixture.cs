namespace NhiPortal.Tests.Shared;

/// <summary>One plain-TCP rsyslog per test class; each test clears its file first and leaves it running.</summary>
public sealed class RsyslogFixture : Xunit.IAsyncLifetime
{
    public RsyslogServer Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await RsyslogServer.StartAsync();

    public async Task DisposeAsync() => await Server.DisposeAsync();
}
