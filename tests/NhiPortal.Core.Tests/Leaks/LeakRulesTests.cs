using NhiPortal.Core.Common;
using NhiPortal.Core.Credentials;
using NhiPortal.Core.Inventory;
using NhiPortal.Core.Leaks;

namespace NhiPortal.Core.Tests.Leaks;

public class LeakRulesTests
{
    private static readonly DateTime Now = new(2026, 11, 23, 9, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Validate_AValue_BecomesTheCredentialFingerprintOfThatValue()
    {
        var evidence = LeakRules.Validate(new LeakReportRequest { Secret = "hunter2-but-longer", Location = "repo/app.env", Scanner = " gitleaks " }, Now);

        Assert.Equal(Fingerprint.OfSecret("hunter2-but-longer"), evidence.Fingerprint);
        Assert.Equal("gitleaks", evidence.Scanner);
    }

    [Fact]
    public void ToString_NeverPrintsTheSecretOrTheFingerprint()
    {
        var text = new LeakReportRequest { Secret = "hunter2-but-longer", Fingerprint = Fingerprint.OfSecret("x").Value, Location = "repo/app.env" }.ToString();

        Assert.DoesNotContain("hunter2", text, StringComparison.Ordinal);
        Assert.DoesNotContain(Fingerprint.OfSecret("x").Value, text, StringComparison.Ordinal);
        Assert.Contains("repo/app.env", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_AFoundTimeWithinTheSkew_IsAccepted_BeyondItRefused()
    {
        var request = new LeakReportRequest { Fingerprint = Fingerprint.OfSecret("v").Value, Location = "repo/app.env" };

        Assert.NotNull(LeakRules.Validate(request with { FoundUtc = Now.AddMinutes(4) }, Now).FoundUtc);
        Assert.Throws<ValidationException>(() => LeakRules.Validate(request with { FoundUtc = Now.AddMinutes(6) }, Now));
    }

    [Fact]
    public void Decide_FollowsTheEnvironment_TheConnector_AndTheCredentialState()
    {
        var policy = LeakPolicy.Default;

        Assert.Equal(LeakOutcome.AutoRevocationStarted, policy.Decide(CredentialState.Active, true, DeploymentEnvironment.Production, true, "pg").Outcome);
        Assert.Equal(LeakOutcome.OwnerNotified, policy.Decide(CredentialState.Active, true, DeploymentEnvironment.Production, false, "vault").Outcome);
        Assert.Equal(LeakOutcome.OwnerNotified, policy.Decide(CredentialState.Active, true, DeploymentEnvironment.Staging, true, "pg").Outcome);
        Assert.Equal(LeakOutcome.AlreadyInactive, policy.Decide(CredentialState.Revoked, true, DeploymentEnvironment.Production, true, "pg").Outcome);
        Assert.Equal(LeakOutcome.Unmatched, policy.Decide(null, false, null, false, null).Outcome);
        Assert.Equal(LeakOutcome.AutoRevocationStarted,
            LeakPolicy.FromNames(["staging"]).Decide(CredentialState.Active, true, DeploymentEnvironment.Staging, true, "pg").Outcome);
    }

    [Fact]
    public void FromNames_NoneConfiguredIsProduction_NoneMeansNothing_AndAnUnknownNameStopsTheStart()
    {
        Assert.Equal([DeploymentEnvironment.Production], LeakPolicy.FromNames(null).AutoRevokeEnvironments);
        Assert.Empty(LeakPolicy.FromNames(["None"]).AutoRevokeEnvironments);
        Assert.Throws<InvalidOperationException>(() => LeakPolicy.FromNames(["Prod"]));
    }
}
