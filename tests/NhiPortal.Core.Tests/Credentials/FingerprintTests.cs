using NhiPortal.Core.Credentials;

namespace NhiPortal.Core.Tests.Credentials;

public class FingerprintTests
{
    [Fact]
    public void OfSecret_IsSha256Hex_AndShowsOnlyAShortForm()
    {
        var fingerprint = Fingerprint.OfSecret("hunter2");

        Assert.Equal("f52fbd32b2b3b86ff88ef6c490628285f482af15ddcb29541f94bcf526a3f6c7", fingerprint.Value);
        Assert.Equal("f52fbd32…f6c7", fingerprint.Short);
        Assert.Equal(fingerprint.Short, fingerprint.ToString());
    }

    [Theory]
    [InlineData("AB:CD:EF:01:23:45:67:89", "abcdef0123456789")]
    [InlineData("  0123456789abcdef0123  ", "0123456789abcdef0123")]
    public void Parse_NormalisesColonsCaseAndSpace(string input, string expected) =>
        Assert.Equal(expected, Fingerprint.Parse(input).Value);

    [Theory]
    [InlineData("password123")]
    [InlineData("abc")]
    [InlineData("zzzzzzzzzzzzzzzzzzzz")]
    public void Parse_NotHexOrTooShort_Throws(string input) =>
        Assert.Throws<FormatException>(() => Fingerprint.Parse(input));
}

public class FingerprintEntryTests
{
    private const string Sha256 = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
    private const string Sha1 = "a94a8fe5ccb19ba61c4c0873d391e987982fbbd3";

    [Theory]
    [InlineData(Sha256, Sha256)]
    [InlineData("  SHA256:" + "9F86D081884C7D659A2FEAA0C55AD015A3BF4F1B2B0B822CD15D6C15B0F00A08 ", Sha256)]
    [InlineData("sha-256:" + Sha256, Sha256)]
    [InlineData("sha1:" + Sha1, Sha1)]
    [InlineData("A9:4A:8F:E5:CC:B1:9B:A6:1C:4C:08:73:D3:91:E9:87:98:2F:BB:D3", Sha1)]
    [InlineData("md5:" + "5d41402abc4b2a76b9719d911017c592", "5d41402abc4b2a76b9719d911017c592")]
    // OpenSSH prints SHA-256 fingerprints as unpadded base64 after the prefix.
    [InlineData("SHA256:n4bQgYhMfWWaL+qgxVrQFaO/TxsrC4Is0V1sFbDwCgg", Sha256)]
    public void ParseEntered_DigestWithPrefixOrExactLength_IsAccepted(string input, string expected)
    {
        Assert.True(Fingerprint.TryParseEntered(input, out var fingerprint, out var problem), problem);
        Assert.Equal(expected, fingerprint.Value);
        // What is stored reads back through the storage parser unchanged.
        Assert.Equal(fingerprint, Fingerprint.Parse(fingerprint.Value));
    }

    [Theory]
    [InlineData("0123456789abcdef0123", "64 hex")]
    [InlineData(Sha1, "sha1:")] // 40 bare hex: a SHA-1 thumbprint or a hex API key; the prefix says which
    [InlineData("5d41402abc4b2a76b9719d911017c592", "64 hex")] // 32 bare hex: the shape of many API keys
    [InlineData("sha1:" + Sha256, "40")] // the prefix and the digest length disagree
    [InlineData("Zx8vQ2mN7pL4kR9tW3yB6cF1hJ5sD0gAa1b2c3d4", "random-looking")]
    [InlineData("eyJhbGciOi" + "JIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.c2lnbmF0dXJl", "JSON Web Token")]
    [InlineData("-----BEGIN " + "PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n-----END PRIVATE KEY-----", "private key")]
    [InlineData("AKIA" + "IOSFODNN7EXAMPLE", "AWS access key")]
    [InlineData("correct horse battery staple", "64 hex")]
    [InlineData("", "Enter")]
    public void ParseEntered_SecretShapedOrWrongLength_IsRefusedWithAClearReason(string input, string expected)
    {
        Assert.False(Fingerprint.TryParseEntered(input, out _, out var problem));
        Assert.Contains(expected, problem, StringComparison.OrdinalIgnoreCase);
        Assert.Contains(expected, Assert.Throws<FormatException>(() => Fingerprint.ParseEntered(input)).Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void ManualCredential_WithASecretShapedFingerprint_IsRefusedOnTheFingerprintField()
    {
        var now = new DateTime(2026, 11, 23, 9, 0, 0, DateTimeKind.Utc);
        var draft = new ManualCredentialDraft
        {
            IdentityId = Guid.NewGuid(), Name = "partner-key", Kind = CredentialKind.ApiKey, Purpose = "Partner uploads", Store = "manual",
            StoreReference = "partner console", Fingerprint = "AKIA" + "IOSFODNN7EXAMPLE", IssuedUtc = now.AddDays(-1),
        };

        var errors = ManualCredentialRules.Validate(draft, now);
        var accepted = ManualCredentialRules.Validate(draft with { Fingerprint = "sha256:" + Sha256 }, now);

        Assert.Contains("AWS access key", errors["Fingerprint"], StringComparison.Ordinal);
        Assert.Empty(accepted);
    }
}
