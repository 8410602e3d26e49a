using Microsoft.Playwright;

namespace NhiPortal.E2E.Tests;

/// <summary>Debian's Chromium driven by Playwright; no browser is downloaded.</summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    public static string ScreenshotDirectory { get; } = Environment.GetEnvironmentVariable("NHI_SCREENSHOTS")
        ?? Path.Combine(PortalHost.RepositoryRoot, "artifacts", "screenshots");

    public async Task InitializeAsync()
    {
        var executable = Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? "/usr/bin/chromium";
        if (!File.Exists(executable))
        {
            throw new FileNotFoundException($"Chromium not found at {executable}: run the README's test command, which installs it.");
        }
        Directory.CreateDirectory(ScreenshotDirectory);
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = executable,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run", "--disable-quic"],
        });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }
        _playwright?.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class PortalCollection : ICollectionFixture<PortalHost>, ICollectionFixture<BrowserFixture>
{
    public const string Name = "portal";
}

/// <summary>
/// A portal of its own for the access-review flow: closing a campaign revokes what nobody answered, which must not
/// change the inventory the other browser tests look at. Its review job ticks every 2 seconds.
/// </summary>
public sealed class ReviewPortalHost : PortalHost
{
    protected override IReadOnlyDictionary<string, string> ExtraEnvironment { get; } = new Dictionary<string, string> { ["Reviews__TickSeconds"] = "2" };
}

[CollectionDefinition(Name)]
public sealed class ReviewPortalCollection : ICollectionFixture<ReviewPortalHost>, ICollectionFixture<BrowserFixture>
{
    public const string Name = "review-portal";
}
