using NhiPortal.Core.Import;

namespace NhiPortal.Core.Tests.Import;

public class SecretDetectorTests
{
    // Literals are split so secret scanners do not flag the test itself.
    public static TheoryData<string, string> Secrets => new()
    {
        { "INC-42 leaked eyJhbGciOi" + "JIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.c2lnbmF0dXJl in the build log", "JSON Web Token" },
        { "INC-42 leaked eyJhbGciOi" + "JIUzI1NiJ9 yesterday", "JSON Web Token" },
        { "key was AKIA" + "IOSFODNN7EXAMPLE, rotated", "AWS access key" },
        { "temporary ASIA" + "Y34FZKBOKMUTVV7A in chat", "AWS access key" },
        { "pasted ghp_" + "aB3dE5fG7hI9jK1lM3nO5pQ7rS9tU1vW3xY5 by mistake", "GitHub token" },
        { "github_pat_" + "11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyzABCDEFGH", "GitHub token" },
        { "glpat-" + "xY9zAbCdEfGhIjKlMnOp", "GitLab token" },
        { "slack xoxb-" + "123456789012-abcdefghijkl", "Slack token" },
        { "stripe sk_live_" + "4eC39HqLyjWDarjtT1zdp7dc", "Stripe key" },
        { "AIza" + "SyDaGmWKa4JsXZ-HjGw7ISLn_3namBGewQe", "Google API key" },
        { "-----BEGIN RSA " + "PRIVATE KEY-----\nMIIEpAIBAAKCAQEA\n-----END RSA PRIVATE KEY-----", "private key" },
        { "-----BEGIN OPENSSH " + "PRIVATE KEY----- b3BlbnNzaC1rZXktdjEAAAAA", "private key" },
        { "Server=db;User Id=app;Password=" + "Hunter2!x;", "password" },
        { "use api_key=" + "live-7f3a9c2e in the header", "password" },
        { "postgres://app:" + "s3cr3tpw@db.example.org:5432/ledger", "URL with a password" },
        { "curl -H 'Authorization: Bearer " + "abcDEF123456ghiJKL789mno'", "authorization header" },
        { "the key is " + "Zx8vQ2mN7pL4kR9tW3yB6cF1hJ5sD0gA", "random-looking" },
        { "old key " + "wJalrXUtnFEMIK7MDENGbPxRfiCYEXAMPLEKEY0123 stays", "random-looking" },
    };

    public static TheoryData<string> Harmless => new()
    {
        "Quarterly review: still needed for the nightly ledger export.",
        "INC-1234",
        "See INC-1234 and CHG-20261123-0042 for the approval.",
        "https://jira.example.org/browse/SEC-4512",
        "https://github.com/ExampleOrganisation/PaymentsLedgerService/pull/1234/files",
        "https://servicenow.example.org/nav_to.do?uri=incident.do?sys_id=9d385017c611228701d22104cc95c371",
        "Owner moved to team 3f2504e0-4f89-11d3-9a0c-0305e82c3301 last week",
        "3F2504E0-4F89-11D3-9A0C-0305E82C3301",
        "fixed in commit 1a2b3c4 and deployed with 9fceb02d0ae598e95dc970b74767f19372d61af8",
        "fingerprint 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08 matches",
        "The password was rotated after the audit; the token expires on 2026-12-01.",
        "password: see the vault entry kv/prod/ledger",
        "arn:aws:iam::123456789012:role/PaymentsLedgerReconciliationService",
        "PaymentsLedgerReconciliationServiceAccount2024",
        "",
        "   ",
    };

    [Theory]
    [MemberData(nameof(Secrets))]
    public void FindSecret_SecretInsideText_IsFoundAndDescribedWithoutTheValue(string text, string kind)
    {
        var found = SecretDetector.FindSecret(text);

        Assert.NotNull(found);
        Assert.Contains(kind, found, StringComparison.OrdinalIgnoreCase);
        // The description names the kind only: no run of the text longer than a few characters reaches it.
        foreach (var word in text.Split([' ', '\n', '=', ':', '\'', ';', '/', '@'], StringSplitOptions.RemoveEmptyEntries).Where(w => w.Length >= 12))
        {
            Assert.DoesNotContain(word, found, StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(Harmless))]
    public void FindSecret_ProseIdsUrlsUuidsAndHashes_AreNotFlagged(string text) => Assert.Null(SecretDetector.FindSecret(text));

    [Fact]
    public void FindSecret_Null_IsNotASecret() => Assert.Null(SecretDetector.FindSecret(null));

    [Fact]
    public void LooksLikeSecret_ForIdentifierCells_FlagsKnownFormatsButNotRandomLookingIds()
    {
        const string clientId = "Zx8vQ2mN7pL4kR9tW3yB6cF1hJ5sD0gA"; // shaped like an OAuth client id: random, yet public

        Assert.True(SecretDetector.LooksLikeSecret("INC-42 leaked eyJhbGciOi" + "JIUzI1NiJ9"));
        Assert.False(SecretDetector.LooksLikeSecret("Posts to the ledger"));
        Assert.False(SecretDetector.LooksLikeSecret(clientId));
        Assert.NotNull(SecretDetector.FindSecret(clientId));
    }
}
