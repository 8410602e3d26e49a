using NhiPortal.Core.Notifications;

namespace NhiPortal.Core.Tests.Notifications;

public class AttestationRemindersTests
{
    private static readonly DateTime Attested = new(2026, 9, 1, 12, 0, 0, DateTimeKind.Utc);

    [Theory]
    [InlineData(90, 70, null)]   // 20 days left: not yet
    [InlineData(90, 77, 14)]     // 13 days left
    [InlineData(90, 88, 3)]      // 2 days left: the nearest stage wins
    [InlineData(90, 91, null)]   // lapsed
    [InlineData(10, 2, null)]    // a 10-day window has no 14-day stage: 8 days left is no reminder
    [InlineData(10, 8, 3)]
    public void StageDue_FollowsThePolicyWindow(int windowDays, int daysSinceAttested, int? expected) =>
        Assert.Equal(expected, AttestationReminders.StageDue(Attested, Attested.AddDays(daysSinceAttested), windowDays));

    [Fact]
    public void DedupKey_ChangesWithANewAttestation()
    {
        var id = Guid.NewGuid();
        Assert.NotEqual(AttestationReminders.DedupKey(id, Attested, 14), AttestationReminders.DedupKey(id, Attested.AddDays(85), 14));
        Assert.NotEqual(AttestationReminders.DedupKey(id, Attested, 14), AttestationReminders.DedupKey(id, Attested, 3));
    }
}
