using NhiPortal.Core.Ownership;

namespace NhiPortal.Core.Tests.Ownership;

public class OwnershipRulesTests
{
    private static readonly DateTime Now = new(2026, 11, 23, 0, 0, 0, DateTimeKind.Utc);

    [Theory]
    [InlineData(null, AttestationStatus.Never)]
    [InlineData(10, AttestationStatus.Current)]
    [InlineData(76, AttestationStatus.Current)]
    [InlineData(77, AttestationStatus.DueSoon)]
    [InlineData(90, AttestationStatus.DueSoon)]
    [InlineData(91, AttestationStatus.Overdue)]
    public void AttestationStatusAt_AgesLikeACredential(int? daysAgo, AttestationStatus expected) =>
        Assert.Equal(expected, OwnershipRules.AttestationStatusAt(daysAgo is null ? null : Now.AddDays(-daysAgo.Value), Now));

    [Theory]
    [InlineData(null)]
    [InlineData("   ")]
    [InlineData("ok")]
    public void ValidateReason_TooShort_SaysWhy(string? reason) =>
        Assert.Contains("at least 5", OwnershipRules.ValidateReason(reason), StringComparison.Ordinal);

    [Fact]
    public void ValidateReason_RealReason_Passes() => Assert.Null(OwnershipRules.ValidateReason("Team reorganisation"));
}
