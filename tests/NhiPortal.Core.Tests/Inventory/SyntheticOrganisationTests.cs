using NhiPortal.Core.Credentials;
using NhiPortal.Core.Inventory;
using NhiPortal.Core.Ownership;

namespace NhiPortal.Core.Tests.Inventory;

public class SyntheticOrganisationTests
{
    private static readonly DateTime Now = new(2026, 11, 23, 9, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Generate_SameSeedAndClock_GivesTheSameOrganisation()
    {
        var a = SyntheticOrganisation.Generate(SyntheticOrganisationSize.Demo, Now);
        var b = SyntheticOrganisation.Generate(SyntheticOrganisationSize.Demo, Now);

        Assert.Equal(a.Identities.Select(i => (i.Id, i.Name, i.OwnerId)), b.Identities.Select(i => (i.Id, i.Name, i.OwnerId)));
        Assert.Equal(a.Credentials.Select(c => (c.Id, c.Fingerprint, c.ExpiresUtc)), b.Credentials.Select(c => (c.Id, c.Fingerprint, c.ExpiresUtc)));
    }

    [Fact]
    public void Generate_Demo_HasTheRequestedSizeAndUniqueNames()
    {
        var org = SyntheticOrganisation.Generate(SyntheticOrganisationSize.Demo, Now);

        Assert.Equal(40, org.Staff.Count);
        Assert.Equal(8, org.Teams.Count);
        Assert.Equal(2_000, org.Identities.Count);
        Assert.Equal(6_000, org.Credentials.Count);
        Assert.Equal(org.Identities.Count, org.Identities.Select(i => i.Name).Distinct().Count());
        Assert.Equal(org.Staff.Count, org.Staff.Select(s => s.Subject).Distinct().Count());
    }

    [Fact]
    public void Generate_Demo_HasTheFlawsTheDashboardMustFind()
    {
        var org = SyntheticOrganisation.Generate(SyntheticOrganisationSize.Demo, Now);
        var staff = org.Staff.ToDictionary(s => s.Id);
        var teams = org.Teams.ToDictionary(t => t.Id);
        foreach (var identity in org.Identities)
        {
            identity.Owner = identity.OwnerId is { } o ? staff[o] : null;
            identity.Team = identity.TeamId is { } t ? teams[t] : null;
        }
        var reasons = org.Identities.Select(OrphanRules.ReasonFor).ToList();

        Assert.Contains(OrphanReason.NoOwner, reasons);
        Assert.Contains(OrphanReason.OwnerLeft, reasons);
        Assert.Contains(OrphanReason.TeamDissolved, reasons);
        Assert.Contains(org.Identities, i => i.IsShared);
        Assert.Contains(org.Identities, i => i.IsBreakGlass);
        Assert.Contains(org.Credentials, c => c.IdentityId is null);
        Assert.Contains(org.Credentials, c => c.Kind == CredentialKind.Certificate && c.ExpiresUtc > Now && c.ExpiresUtc < Now.AddDays(30));
        Assert.Contains(org.Credentials, c => c.LastRotatedUtc is null && c.IssuedUtc < Now.AddYears(-1));
        Assert.Contains(org.Credentials, c => c.LastUsedUtc < Now.AddDays(-120));
        Assert.True(org.Credentials.GroupBy(c => c.Fingerprint).Any(g => g.Count() > 1), "some fingerprint is reused");
    }

    [Fact]
    public void Generate_Demo_GivesTheReviewerDemoAccountIdentitiesToOwn()
    {
        var org = SyntheticOrganisation.Generate(SyntheticOrganisationSize.Demo, Now);
        var reviewer = org.Staff.Single(s => s.Subject == "demo-reviewer");

        Assert.InRange(org.Identities.Count(i => i.OwnerId == reviewer.Id), 20, 200);
    }
}
