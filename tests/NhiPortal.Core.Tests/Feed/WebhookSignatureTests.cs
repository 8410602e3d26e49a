using System.Security.Cryptography;
using System.Text;
using NhiPortal.Core.Feed;

namespace NhiPortal.Core.Tests.Feed;

public class WebhookSignatureTests
{
    // The Standard Webhooks specification's published test vector (its libraries' tests use the same).
    private const string VectorSecret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private const string VectorId = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    private const long VectorTimestamp = 1614265330;
    private const string VectorBody = """{"test": 2432232314}""";
    private const string VectorSignature = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";

    [Fact]
    public void Sign_TheSpecificationsVector_GivesItsSignature()
    {
        var key = WebhookSignature.ParseSecret(VectorSecret);

        var signature = WebhookSignature.Sign(VectorId, VectorTimestamp, Encoding.UTF8.GetBytes(VectorBody), [key]);

        Assert.Equal(VectorSignature, signature);
    }

    [Fact]
    public void Sign_TwoKeysDuringRotation_GivesTwoSpaceSeparatedSignaturesInKeyOrder()
    {
        var current = RandomNumberGenerator.GetBytes(32);
        var previous = WebhookSignature.ParseSecret(VectorSecret);
        var body = "{}"u8.ToArray();

        var parts = WebhookSignature.Sign("9", 100, body, [current, previous]).Split(' ');

        Assert.Equal(2, parts.Length);
        Assert.Equal(Independent(current, "9.100.{}"), parts[0]);
        Assert.Equal(Independent(previous, "9.100.{}"), parts[1]);
    }

    [Theory]
    [InlineData("whsec_short")]
    [InlineData("whsec_not base64!")]
    [InlineData("whsec_c2hvcnQ=")]
    public void ParseSecret_NotASecret_Throws(string secret) => Assert.Throws<FormatException>(() => WebhookSignature.ParseSecret(secret));

    // A second implementation, by hand over the spec's text: HMAC-SHA256 of "{id}.{timestamp}.{body}".
    private static string Independent(byte[] key, string content)
    {
        using var hmac = new HMACSHA256(key);
        return "v1," + Convert.ToBase64String(hmac.ComputeHash(Encoding.UTF8.GetBytes(content)));
    }
}
