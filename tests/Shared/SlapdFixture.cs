namespace NhiPortal.Tests.Shared;

/// <summary>One slapd per test class.</summary>
public sealed class SlapdFixture : Xunit.IAsyncLifetime
{
    public SlapdServer Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await SlapdServer.StartAsync();

    public async Task DisposeAsync() => await Server.DisposeAsync();
}
