using System.Text;
using NhiPortal.Tests.Shared;

namespace NhiPortal.E2E.Tests.Http;

/// <summary>The development provider signs anyone in with a shared password: never on an address others can reach.</summary>
public class DevProviderLoopbackTests
{
    [Theory]
    [InlineData("http://0.0.0.0:{0}")]
    [InlineData("http://localhost:{0};http://*:{1}")]
    public async Task Start_InDevelopmentListeningBeyondLoopback_RefusesWithAClearMessage(string urls)
    {
        var output = new StringBuilder();
        using var process = PortalHost.Start(new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["ConnectionStrings__NhiPortal"] = $"Data Source={Path.Combine(Path.GetTempPath(), $"nhi-loopback-{Guid.NewGuid():N}.db")}",
            ["DemoData__Enabled"] = "false",
        }, output, ["--urls", string.Format(System.Globalization.CultureInfo.InvariantCulture, urls, TestPorts.Free(), TestPorts.Free())]);

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(45));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"The portal kept running on {urls}:\n{output}");
        }

        Assert.NotEqual(0, process.ExitCode);
        Assert.Contains("listens on loopback only", output.ToString(), StringComparison.Ordinal);
    }
}

[Collection(PortalCollection.Name)]
public class DevProviderBannerTests(PortalHost host)
{
    [Fact]
    public void Startup_SaysTheDevelopmentProviderIsOnBecauseOfDevelopmentAndLoopback() =>
        Assert.Contains("development identity provider is on: Development environment, listening on loopback only", host.Output, StringComparison.Ordinal);
}
