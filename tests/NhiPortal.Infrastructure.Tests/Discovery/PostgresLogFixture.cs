using System.Security.Cryptography;
using NhiPortal.Tests.Shared;

namespace NhiPortal.Infrastructure.Tests.Discovery;

/// <summary>
/// One cluster per test class that writes a jsonlog connection log and listens on 127.0.0.1 and ::1, with the
/// source's least-privileged reader: a plain LOGIN role, no grants.
/// </summary>
public sealed class PostgresLogFixture : IAsyncLifetime
{
    public const string Reader = "nhi_discovery";

    public PostgresServer Server { get; private set; } = null!;

    public string ReaderPassword { get; } = Convert.ToHexString(RandomNumberGenerator.GetBytes(12));

    public async Task InitializeAsync()
    {
        Server = await PostgresServer.StartAsync(connectionLog: true, ipv6: true);
        await Server.ExecuteAsync($"CREATE ROLE {Reader} LOGIN PASSWORD '{ReaderPassword}'");
    }

    public async Task DisposeAsync() => await Server.DisposeAsync();
}
