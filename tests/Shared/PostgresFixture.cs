namespace NhiPortal.Tests.Shared;

/// <summary>One cluster per test class.</summary>
public sealed class PostgresFixture : Xunit.IAsyncLifetime
{
    public PostgresServer Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await PostgresServer.StartAsync();

    public async Task DisposeAsync() => await Server.DisposeAsync();
}
