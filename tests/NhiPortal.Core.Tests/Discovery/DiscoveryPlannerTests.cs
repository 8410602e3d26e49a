using NhiPortal.Core.Credentials;
using NhiPortal.Core.Discovery;
using NhiPortal.Core.Inventory;

namespace NhiPortal.Core.Tests.Discovery;

public sealed class DiscoveryPlannerTests
{
    private static readonly StaffCandidate Ada = new(Guid.NewGuid(), "idp|ada", "Ada", "ada@example.org", true);
    private static readonly StaffCandidate Grace = new(Guid.NewGuid(), "idp|grace", "Grace", "grace@example.org", true);
    private readonly OwnerHintMatcher _owners = new([Ada, Grace]);

    private static Fingerprint Print(string text) =>
        Fingerprint.Parse(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text))));

    private static readonly DateTime RevokedAt = new(2026, 11, 20, 10, 0, 0, DateTimeKind.Utc);

    private static DiscoveredAccount Seen(string id, bool disabled = false, string? owner = null, string value = "v1", bool enabled = true, DateTime? issued = null,
        params string[] groups) => new()
    {
        ExternalId = id, Name = id, Kind = IdentityKind.ServiceAccount, Disabled = disabled, OwnerHint = owner, Entitlements = groups,
        Credential = new DiscoveredCredential
        {
            ExternalId = id, Name = id, Kind = CredentialKind.Password, StoreReference = id, Fingerprint = Print(value), Enabled = enabled, IssuedUtc = issued,
        },
    };

    private static KnownAccount Held(string id, IdentityLifecycleState state = IdentityLifecycleState.Active, bool fromSource = false, Guid? owner = null,
        CredentialState credential = CredentialState.Active, string value = "v1", DateTime? gone = null, params string[] groups) => new()
    {
        IdentityId = Guid.NewGuid(), ExternalId = id, Name = id, State = state, StateFromSource = fromSource, OwnerId = owner, OwnerName = owner is null ? null : "Ada",
        Privilege = PrivilegeLevel.Low, Entitlements = groups, GoneUtc = gone,
        Credential = new KnownCredential
        {
            CredentialId = Guid.NewGuid(), State = credential, Fingerprint = Print(value), StateChangedUtc = credential == CredentialState.Revoked ? RevokedAt : null,
        },
    };

    [Fact]
    public void AnUnchangedAccount_PlansNothing()
    {
        var plan = DiscoveryPlanner.Plan(DiscoveryRead.Full([Seen("a", groups: ["g"])]), [Held("a", groups: "g")], _owners);

        Assert.Empty(plan.New);
        Assert.Empty(plan.Updates);
        Assert.Empty(plan.Gone);
        Assert.Empty(plan.Conflicts);
    }

    [Fact]
    public void APartialRead_MarksNothingGone_ACompleteOneDoes()
    {
        KnownAccount[] known = [Held("a"), Held("b")];

        Assert.Empty(DiscoveryPlanner.Plan(new DiscoveryRead([Seen("a")], false, []), known, _owners).Gone);
        Assert.Equal(["b"], DiscoveryPlanner.Plan(DiscoveryRead.Full([Seen("a")]), known, _owners).Gone.Select(k => k.ExternalId));
    }

    [Fact]
    public void AnAlreadyGoneAccount_IsNotGoneTwice_AndComingBackIsAChange()
    {
        var gone = Held("a", gone: new DateTime(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc));

        Assert.Empty(DiscoveryPlanner.Plan(DiscoveryRead.Full([]), [gone], _owners).Gone);
        Assert.True(Assert.Single(DiscoveryPlanner.Plan(DiscoveryRead.Full([Seen("a")]), [gone], _owners).Updates).Returned);
    }

    [Fact]
    public void ANewValue_IsPlannedAsASuccessor_AndNamesOnlyShortFingerprints()
    {
        var update = Assert.Single(DiscoveryPlanner.Plan(DiscoveryRead.Full([Seen("a", value: "v2")]), [Held("a")], _owners).Updates);

        Assert.True(update.ValueChanged);
        var change = Assert.Single(update.CredentialChanges);
        Assert.Equal(Print("v2").Short, change.After);
        Assert.DoesNotContain(Print("v2").Value, change.After);
    }

    [Fact]
    public void APersonsDisable_IsAConflictWhenTheSourceSaysEnabled_ButASourceDisableFollowsTheSource()
    {
        var byPerson = DiscoveryPlanner.Plan(DiscoveryRead.Full([Seen("a")]), [Held("a", IdentityLifecycleState.Disabled)], _owners);
        Assert.Null(byPerson.Updates.SingleOrDefault()?.NewState);
        Assert.Equal(DiscoveryPlanner.StateField, Assert.Single(byPerson.Conflicts).Field);

        var bySource = DiscoveryPlanner.Plan(DiscoveryRead.Full([Seen("a")]), [Held("a", IdentityLifecycleState.Disabled, fromSource: true)], _owners);
        Assert.Equal(IdentityLifecycleState.Active, Assert.Single(bySource.Updates).NewState);
        Assert.Empty(bySource.Conflicts);
    }

    [Fact]
    public void AnOwnerSetInThePortal_IsNeverReplacedByAHint_OnlyConflicted()
    {
        var plan = DiscoveryPlanner.Plan(DiscoveryRead.Full([Seen("a", owner: "grace@example.org")]), [Held("a", owner: Ada.Id)], _owners);

        Assert.Empty(plan.Updates);
        var conflict = Assert.Single(plan.Conflicts);
        Assert.Equal((DiscoveryPlanner.OwnerField, false), (conflict.Field, conflict.Critical));
    }

    [Fact]
    public void ARevokedCredentialEnabledInTheSource_IsCritical_AndNotUpdated()
    {
        var plan = DiscoveryPlanner.Plan(DiscoveryRead.Full([Seen("a", value: "reset", issued: RevokedAt.AddDays(1))]), [Held("a", credential: CredentialState.Revoked)], _owners);

        Assert.True(Assert.Single(plan.Conflicts).Critical);
        Assert.Empty(plan.Updates);
        var sameValue = DiscoveryPlanner.Plan(DiscoveryRead.Full([Seen("a")]), [Held("a", credential: CredentialState.Revoked)], _owners);
        Assert.True(Assert.Single(sameValue.Conflicts).Critical);
        var stillLocked = DiscoveryPlanner.Plan(DiscoveryRead.Full([Seen("a", disabled: true)]), [Held("a", credential: CredentialState.Revoked)], _owners);
        Assert.DoesNotContain(stillLocked.Conflicts, c => c.Critical);
    }

    [Fact]
    public void AnIdLongerThanThePortalKeeps_IsAnEntryError_NotApplied_AndNotGone()
    {
        var longDn = "uid=" + new string('x', 300) + ",dc=example,dc=org";
        var plan = DiscoveryPlanner.Plan(DiscoveryRead.Full([Seen(longDn), Seen("b")]), [Held("b")], _owners, maxIdLength: 180);

        Assert.Empty(plan.New);
        Assert.Contains("longer than the 180", Assert.Single(plan.Errors).Message);
    }

    [Fact]
    public void ARevocationThatReplacedTheValue_LeavesTheAccountEnabled_WithoutAFinding()
    {
        // An OAuth connector revokes by replacing the client secret: the client stays enabled with a value nobody holds.
        var plan = DiscoveryPlanner.Plan(DiscoveryRead.Full([Seen("a", value: "replaced-by-the-connector", issued: RevokedAt.AddSeconds(-2))]),
            [Held("a", credential: CredentialState.Revoked)], _owners);

        Assert.Empty(plan.Conflicts);
    }

    [Fact]
    public void APartialRead_ChangesNoEntitlements_ItMayHaveMissedTheirPages()
    {
        var known = Held("a", groups: ["cn=admins", "cn=readers"]);

        Assert.Empty(DiscoveryPlanner.Plan(new DiscoveryRead([Seen("a", groups: "cn=readers")], false, []), [known], _owners).Updates);
        Assert.Single(DiscoveryPlanner.Plan(DiscoveryRead.Full([Seen("a", groups: "cn=readers")]), [known], _owners).Updates);
    }
}
