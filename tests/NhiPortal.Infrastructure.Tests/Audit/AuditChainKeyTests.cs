using Microsoft.Extensions.Configuration;
using NhiPortal.Infrastructure.Audit;

namespace NhiPortal.Infrastructure.Tests.Audit;

public sealed class AuditChainKeyTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("nhiportal-key-").FullName;

    private static IConfiguration Config(string? key) =>
        new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Audit:ChainKey"] = key }).Build();

    private static string RandomKey(int bytes) => Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(bytes));

    [Fact]
    public void Development_WithoutAKey_CreatesAnOwnerOnlyKeyFileOnce_AndKeepsUsingIt()
    {
        var first = AuditChainKeyLoader.Load(Config(null), isDevelopment: true, _root);
        var second = AuditChainKeyLoader.Load(Config(null), isDevelopment: true, _root);

        var file = Path.Combine(_root, "App_Data", "audit-chain.key");
        Assert.True(File.Exists(file));
        Assert.Equal(first.KeyId, second.KeyId);
        Assert.Contains(file, first.Source, StringComparison.Ordinal);
        Assert.DoesNotContain(File.ReadAllText(file).Trim(), first.Source + first.KeyId + first, StringComparison.Ordinal);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        }
    }

    [Fact]
    public void OutsideDevelopment_AMissingKey_StopsTheStart_NamingTheSetting()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => AuditChainKeyLoader.Load(Config(null), isDevelopment: false, _root));

        Assert.Contains("Audit:ChainKey", ex.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_root, "App_Data", "audit-chain.key")));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void AShortOrMalformedKey_StopsTheStart_EvenInDevelopment(bool isDevelopment)
    {
        Assert.Contains("32 bytes", Assert.Throws<InvalidOperationException>(() => AuditChainKeyLoader.Load(Config(RandomKey(16)), isDevelopment, _root)).Message,
            StringComparison.Ordinal);
        Assert.Contains("base64", Assert.Throws<InvalidOperationException>(() => AuditChainKeyLoader.Load(Config("not base64!"), isDevelopment, _root)).Message,
            StringComparison.Ordinal);
    }

    [Fact]
    public void AConfiguredKey_IsUsed_ItsIdFollowsTheKey_AndNothingShowsTheKey()
    {
        var value = RandomKey(32);

        var key = AuditChainKeyLoader.Load(Config(value), isDevelopment: false, _root);

        Assert.Equal(key.KeyId, AuditChainKeyLoader.Load(Config(value), isDevelopment: true, _root).KeyId);
        Assert.NotEqual(key.KeyId, AuditChainKeyLoader.Load(Config(RandomKey(32)), isDevelopment: false, _root).KeyId);
        Assert.Contains("Audit:ChainKey", key.Source, StringComparison.Ordinal);
        Assert.DoesNotContain(value, key.Source + key.KeyId + key, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_root, "App_Data")));
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
