using NhiPortal.Core.Common;
using NhiPortal.Core.Feed;

namespace NhiPortal.Core.Tests.Feed;

public class FeedDestinationRulesTests
{
    private static FeedDestinationInput Syslog(string address = "127.0.0.1:6514") => new() { Name = " siem ", Kind = FeedKind.Syslog, Address = address };

    [Fact]
    public void Validate_Syslog_TrimsAndKeeps()
    {
        var valid = FeedDestinationRules.Validate(Syslog() with { Tls = true, PinnedThumbprint = "ab:" + new string('c', 62) });

        Assert.Equal("siem", valid.Name);
        Assert.Equal("AB" + new string('C', 62), valid.PinnedThumbprint);
    }

    [Theory]
    [InlineData("siem.example.org")]
    [InlineData("siem.example.org:0")]
    [InlineData("siem.example.org:70000")]
    [InlineData(":514")]
    public void Validate_SyslogWithoutHostPort_Refuses(string address) =>
        Assert.Throws<ValidationException>(() => FeedDestinationRules.Validate(Syslog(address)));

    [Fact]
    public void Validate_WebhookOverHttp_Refuses() => Assert.Throws<ValidationException>(() => FeedDestinationRules.Validate(
        new FeedDestinationInput { Name = "w", Kind = FeedKind.Webhook, Address = "http://127.0.0.1/x", SecretVariable = "FEED_SECRET" }));

    [Fact]
    public void Validate_WebhookWithoutSecret_Refuses() => Assert.Throws<ValidationException>(() => FeedDestinationRules.Validate(
        new FeedDestinationInput { Name = "w", Kind = FeedKind.Webhook, Address = "https://127.0.0.1/x" }));

    [Fact]
    public void Validate_SecretPastedIntoTheVariableField_RefusesWithoutEchoingIt()
    {
        var ex = Assert.Throws<ValidationException>(() => FeedDestinationRules.Validate(
            new FeedDestinationInput { Name = "w", Kind = FeedKind.Webhook, Address = "https://127.0.0.1/x", SecretVariable = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw" }));

        Assert.DoesNotContain("MfKQ9r8", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_RelativeSecretFile_Refuses() => Assert.Throws<ValidationException>(() => FeedDestinationRules.Validate(
        new FeedDestinationInput { Name = "w", Kind = FeedKind.Webhook, Address = "https://127.0.0.1/x", SecretFile = "secret.txt" }));

    [Fact]
    public void Validate_PinWithoutTls_Refuses() =>
        Assert.Throws<ValidationException>(() => FeedDestinationRules.Validate(Syslog() with { PinnedThumbprint = new string('A', 64) }));

    [Fact]
    public void Validate_Webhook_IsAlwaysTls() => Assert.True(FeedDestinationRules.Validate(
        new FeedDestinationInput { Name = "w", Kind = FeedKind.Webhook, Address = "https://127.0.0.1/x", SecretVariable = "FEED_SECRET" }).Tls);
}
