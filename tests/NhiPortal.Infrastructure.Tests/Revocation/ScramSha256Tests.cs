using NhiPortal.Infrastructure.Connectors;

namespace NhiPortal.Infrastructure.Tests.Revocation;

public class ScramSha256Tests
{
    [Fact]
    public void TheVerifier_MatchesAnIndependentRfc5802Computation()
    {
        // Computed with Python's hashlib/hmac: PBKDF2-HMAC-SHA-256(password, salt 00..0f, 4096), StoredKey, ServerKey.
        Assert.Equal("SCRAM-SHA-256$4096:AAECAwQFBgcICQoLDA0ODw==$zHCdol2044/ZyWzPLi7oxApCkamKw9Z+E4U/QApd/5Y=:dd5peBOitVnLNFu7VmwP+HiDaaw4OUCv396eVCWhYiE=",
            ScramSha256.Verifier("pencil", Enumerable.Range(0, 16).Select(i => (byte)i).ToArray()));
    }

    [Fact]
    public void EachVerifier_HasItsOwnRandomSalt()
    {
        Assert.NotEqual(ScramSha256.Verifier("same-password"), ScramSha256.Verifier("same-password"));
    }
}
