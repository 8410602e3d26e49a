using Microsoft.Playwright;

namespace NhiPortal.E2E.Tests.Browser;

/// <summary>Real authorization-code + PKCE sign-ins through the development provider, in headless Chromium.</summary>
[Collection(PortalCollection.Name)]
public class SignInFlowTests(PortalHost host, BrowserFixture browser)
{
    [Fact]
    public async Task SignIn_Administrator_SeesDashboardWithTheirNameAndEveryNavigationLink()
    {
        var page = await PortalPage.SignInAsync(browser, host, "admin");

        await Assertions.Expect(page.GetByTestId("welcome")).ToContainTextAsync("Ada Adminson");
        await Assertions.Expect(page.GetByTestId("signed-in-user")).ToContainTextAsync("Administrator");
        // Other tests in this collection may import an identity or two first.
        await Assertions.Expect(page.GetByTestId("stat-identities")).ToContainTextAsync(new System.Text.RegularExpressions.Regex("2,00[0-9]"));
        await Assertions.Expect(page.Locator("#nav-sign-in-settings")).ToBeVisibleAsync();
        await PortalPage.ScreenshotAsync(page, "dashboard-administrator");

        await page.ClickAsync("#nav-sign-in-settings");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Sign-in & roles");
        await PortalPage.ScreenshotAsync(page, "sign-in-settings");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task SignIn_Reviewer_SeesOwnScope_AndIsRefusedTheAdministrationPage()
    {
        var page = await PortalPage.SignInAsync(browser, host, "reviewer");

        await Assertions.Expect(page.GetByTestId("welcome")).ToContainTextAsync("identities you own");
        await Assertions.Expect(page.Locator("#nav-sign-in-settings")).ToHaveCountAsync(0);
        await PortalPage.ScreenshotAsync(page, "dashboard-reviewer");

        await page.GotoAsync(host.BaseUrl + "/administration/sign-in");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("No access");
        await Assertions.Expect(page.Locator("body")).ToContainTextAsync("do not include this page");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task SignIn_WithoutPortalRole_SeesNoAccessPageNamingTheRoles()
    {
        var page = await PortalPage.SignInAsync(browser, host, "visitor");

        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("No access");
        await Assertions.Expect(page.Locator("body")).ToContainTextAsync("you hold no NhiPortal role yet");
        await Assertions.Expect(page.Locator("body")).ToContainTextAsync("SecurityOperator");
        await PortalPage.ScreenshotAsync(page, "no-access");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task SignOut_EndsThePortalAndTheIdentityProviderSessions()
    {
        var page = await PortalPage.SignInAsync(browser, host, "auditor", "/audit");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Audit log");
        await Assertions.Expect(page.GetByTestId("audit-table")).ToContainTextAsync("Avery Auditor signed in");
        await PortalPage.ScreenshotAsync(page, "audit-log");

        await page.ClickAsync("#sign-out");
        await page.WaitForURLAsync("**/signed-out");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("You are signed out");

        // Had the IdP session survived, this would sign straight back in without a login form.
        await page.GotoAsync(host.BaseUrl + "/");
        await page.WaitForURLAsync("**/dev-idp/login**");
        await PortalPage.ScreenshotAsync(page, "dev-idp-login");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task SignOut_ForgedPostWithTheSessionCookieButNoAntiforgeryToken_IsRejected()
    {
        var page = await PortalPage.SignInAsync(browser, host, "operator");
        await Assertions.Expect(page.GetByTestId("welcome")).ToContainTextAsync("Sam Operator");

        // What another site could make the browser send: the session cookie, but no antiforgery token.
        var response = await page.Context.APIRequest.PostAsync(host.BaseUrl + "/account/signout",
            new APIRequestContextOptions { Form = page.Context.APIRequest.CreateFormData(), MaxRedirects = 0 });

        Assert.True(response.Status == 400, $"{response.Status} {response.Headers.GetValueOrDefault("location")}");
        await page.ReloadAsync();
        await Assertions.Expect(page.GetByTestId("welcome")).ToContainTextAsync("Sam Operator");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task DevLogin_WrongPassword_StaysOnTheLoginFormWithAnError()
    {
        var context = await browser.Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(host.BaseUrl + "/");
        await page.WaitForURLAsync("**/dev-idp/login**");

        await page.FillAsync("#userName", "admin");
        await page.FillAsync("#password", "not-the-password");
        await page.ClickAsync("#sign-in");

        await Assertions.Expect(page.Locator(".error")).ToContainTextAsync("wrong password");
        Assert.DoesNotContain(await context.CookiesAsync(), c => c.Name == "nhiportal.session");
        await context.CloseAsync();
    }
}
