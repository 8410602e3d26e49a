using NhiPortal.Core.Credentials;
using NhiPortal.Core.Notifications;

namespace NhiPortal.Core.Tests.Notifications;

public class ExpiryRemindersTests
{
    private static readonly DateTime Now = new(2026, 11, 23, 9, 0, 0, DateTimeKind.Utc);

    [Theory]
    [InlineData(45.0, 30, null)]
    [InlineData(30.0, 30, 30)]
    [InlineData(29.9, 30, 30)]
    [InlineData(7.0, 30, 7)]
    [InlineData(6.5, 30, 7)]
    [InlineData(1.0, 30, 1)]
    [InlineData(0.1, 30, 1)]
    [InlineData(20.0, 14, null)]
    [InlineData(7.0, 14, 7)]
    [InlineData(10.0, 14, null)]
    public void StageDue_PicksTheNearestStageInsideTheWindow(double daysLeft, int window, int? expected)
    {
        var stage = ExpiryReminders.StageDue(Now.AddDays(daysLeft), Now, window);
        Assert.Equal(expected, stage);
    }

    [Fact]
    public void StageDue_IsNullOnceExpired()
    {
        Assert.Null(ExpiryReminders.StageDue(Now, Now, 30));
        Assert.Null(ExpiryReminders.StageDue(Now.AddDays(-1), Now, 30));
    }

    [Fact]
    public void DedupKey_ChangesWithARenewedExpiry()
    {
        var id = Guid.NewGuid();
        Assert.NotEqual(ExpiryReminders.DedupKey(id, Now.AddDays(7), 7), ExpiryReminders.DedupKey(id, Now.AddDays(97), 7));
        Assert.NotEqual(ExpiryReminders.DedupKey(id, Now.AddDays(7), 7), ExpiryReminders.DedupKey(id, Now.AddDays(7), 1));
    }
}

public class ManualCredentialRulesTests
{
    private static readonly DateTime Now = new(2026, 11, 23, 9, 0, 0, DateTimeKind.Utc);

    private static ManualCredentialDraft Valid() => new()
    {
        IdentityId = Guid.NewGuid(), Name = "partner-key", Kind = CredentialKind.ApiKey, Purpose = "Partner uploads", Store = "manual",
        StoreReference = "partner console, key 'uploads'", Fingerprint = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", IssuedUtc = Now.AddDays(-1), ExpiresUtc = Now.AddDays(30),
    };

    [Fact]
    public void AValidDraft_HasNoErrors() => Assert.Empty(ManualCredentialRules.Validate(Valid(), Now));

    [Fact]
    public void EachBadField_IsNamed()
    {
        var draft = Valid() with { Name = " ", IssuedUtc = Now.AddDays(1), ExpiresUtc = Now.AddDays(-5), LastUsedUtc = Now.AddDays(2), Fingerprint = "xyz" };
        var errors = ManualCredentialRules.Validate(draft, Now);
        Assert.Equal(["ExpiresUtc", "Fingerprint", "IssuedUtc", "LastUsedUtc", "Name"], errors.Keys.Order().ToArray());
    }
}
