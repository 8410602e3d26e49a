using Microsoft.Playwright;
using NhiPortal.E2E.Tests.Browser;

namespace NhiPortal.E2E.Tests.Http;

/// <summary>The Content-Security-Policy in a real browser: pages render, the circuit connects, nothing is refused.</summary>
[Collection(PortalCollection.Name)]
public class ContentSecurityPolicyBrowserTests(PortalHost host, BrowserFixture browser)
{
    [Fact]
    public async Task Pages_UnderThePolicy_RenderInteractively_WithNoViolationInTheConsole()
    {
        var page = await PortalPage.SignInAsync(browser, host, "admin");
        var violations = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase) || message.Text.StartsWith("csp-violation", StringComparison.Ordinal))
            {
                violations.Add(message.Text);
            }
        };
        // Runs before the page's own scripts (injected by the browser, not subject to the policy).
        await page.AddInitScriptAsync("document.addEventListener('securitypolicyviolation', e => console.error('csp-violation ' + e.violatedDirective + ' ' + e.blockedURI));");

        var response = await page.GotoAsync(host.BaseUrl + "/identities");
        await page.Locator("[data-circuit=live]").WaitForAsync();
        var csp = await response!.HeaderValueAsync("content-security-policy");
        Assert.NotNull(csp);
        Assert.Contains("script-src 'self'", csp, StringComparison.Ordinal);
        // Interactive: navigation and a popover through the circuit (its WebSocket allowed by connect-src 'self').
        await page.ClickAsync("#nav-sign-in-settings");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Sign-in & roles");
        await page.GotoAsync(host.BaseUrl + "/");
        await page.Locator("[data-circuit=live]").WaitForAsync();
        await Assertions.Expect(page.GetByTestId("welcome")).ToContainTextAsync("Ada Adminson");
        var transports = await page.EvaluateAsync<string>("() => performance.getEntriesByType('resource').map(e => e.name).filter(n => n.includes('_blazor')).join(' ')");
        Assert.Contains("_blazor", transports, StringComparison.Ordinal);
        await PortalPage.ScreenshotAsync(page, "csp-dashboard");

        Assert.True(violations.Count == 0, string.Join(Environment.NewLine, violations));
        await page.Context.CloseAsync();
    }
}
