using NhiPortal.Core.Credentials;
using NhiPortal.Core.Discovery.Ldap;
using NhiPortal.Core.Inventory;

namespace NhiPortal.Core.Tests.Discovery;

public class LdapAccountMapperTests
{
    private const string AdDn = "CN=svc-backup,OU=Service Accounts,DC=corp,DC=example";

    private static readonly TimeProvider Clock = new FixedClock(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    private static LdapEntry Entry(string dn, params (string Name, string[] Values)[] attributes) =>
        new(dn, attributes.Select(a => new KeyValuePair<string, IReadOnlyList<string>>(a.Name, a.Values)));

    private static LdapEntry AdEntry(params (string Name, string[] Values)[] overrides)
    {
        var attributes = new Dictionary<string, string[]>(StringComparer.OrdinalIgnoreCase)
        {
            ["sAMAccountName"] = ["svc-backup"],
            ["description"] = ["Nightly backup agent"],
            ["managedBy"] = ["CN=Alice Smith,OU=Staff,DC=corp,DC=example"],
            ["memberOf"] = ["CN=Backup Operators,CN=Builtin,DC=corp,DC=example", "CN=App Readers,OU=Groups,DC=corp,DC=example"],
            ["userAccountControl"] = ["66048"],
            ["pwdLastSet"] = ["133497072000000000"],
            ["accountExpires"] = ["9223372036854775807"],
            ["lastLogonTimestamp"] = ["133800000000000000"],
            ["whenCreated"] = ["20231105143012.0Z"],
        };
        foreach (var (name, values) in overrides)
        {
            attributes[name] = values;
        }
        return Entry(AdDn, attributes.Select(a => (a.Key, a.Value)).ToArray());
    }

    private static DiscoveredAccountOrError Map(LdapDialect dialect, LdapEntry entry)
    {
        var mapper = new LdapAccountMapper("corp-ad", dialect, Clock);
        return mapper.TryMap(entry, out var account, out var error) ? new(account, null) : new(null, error);
    }

    private sealed record DiscoveredAccountOrError(NhiPortal.Core.Discovery.DiscoveredAccount? Account, NhiPortal.Core.Discovery.ObjectError? Error);

    [Fact]
    public void TryMap_ActiveDirectoryServiceAccount_ReadsEveryAttribute()
    {
        var account = Map(LdapDialect.ActiveDirectory, AdEntry()).Account!;

        Assert.Equal(AdDn, account.ExternalId);
        Assert.Equal("svc-backup", account.Name);
        Assert.Equal(IdentityKind.ServiceAccount, account.Kind);
        Assert.Equal("Nightly backup agent", account.Description);
        Assert.Equal("CN=Alice Smith,OU=Staff,DC=corp,DC=example", account.OwnerHint);
        Assert.Equal(["CN=App Readers,OU=Groups,DC=corp,DC=example", "CN=Backup Operators,CN=Builtin,DC=corp,DC=example"], account.Entitlements);
        Assert.False(account.Disabled);
        Assert.Equal(PrivilegeLevel.Low, account.Privilege);
        Assert.Equal(new DateTime(2023, 11, 5, 14, 30, 12, DateTimeKind.Utc), account.CreatedUtc);
        var credential = account.Credential;
        Assert.Equal(CredentialKind.Password, credential.Kind);
        Assert.Equal(AdDn, credential.ExternalId);
        Assert.Equal(AdDn, credential.StoreReference);
        Assert.Equal(new DateTime(2024, 1, 14, 12, 0, 0, DateTimeKind.Utc), credential.IssuedUtc);
        Assert.Null(credential.ExpiresUtc);
        Assert.Equal(new DateTime(2024, 12, 30, 2, 40, 0, DateTimeKind.Utc), credential.LastUsedUtc);
        Assert.Contains("9-14 days", credential.LastUsedNote, StringComparison.Ordinal);
        Assert.True(credential.Enabled);
    }

    [Theory]
    [InlineData("512", false)]
    [InlineData("514", true)]
    [InlineData("66048", false)]
    [InlineData("66050", true)]
    public void TryMap_UserAccountControl_DisabledOnlyWithBit2(string uac, bool disabled)
    {
        var account = Map(LdapDialect.ActiveDirectory, AdEntry(("userAccountControl", [uac]))).Account!;

        Assert.Equal(disabled, account.Disabled);
        Assert.Equal(!disabled, account.Credential.Enabled);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("9223372036854775807")]
    public void TryMap_AccountExpiresNever_HasNoExpiry(string never)
    {
        var account = Map(LdapDialect.ActiveDirectory, AdEntry(("accountExpires", [never]))).Account!;

        Assert.Null(account.Credential.ExpiresUtc);
        Assert.True(account.Credential.Enabled);
    }

    [Fact]
    public void TryMap_AccountExpiredInThePast_CredentialNotEnabled()
    {
        var account = Map(LdapDialect.ActiveDirectory, AdEntry(("accountExpires", ["133500000000000000"]))).Account!;

        Assert.Equal(new DateTime(2024, 1, 17, 21, 20, 0, DateTimeKind.Utc), account.Credential.ExpiresUtc);
        Assert.False(account.Disabled);
        Assert.False(account.Credential.Enabled);
    }

    [Fact]
    public void TryMap_PwdLastSetZero_MustChangeAtNextLogon_HasNoIssueTime()
    {
        var account = Map(LdapDialect.ActiveDirectory, AdEntry(("pwdLastSet", ["0"]))).Account!;

        Assert.Null(account.Credential.IssuedUtc);
    }

    [Fact]
    public void TryMap_ServicePrincipalName_IsAServiceAccount()
    {
        var account = Map(LdapDialect.ActiveDirectory, AdEntry(("servicePrincipalName", ["MSSQLSvc/sql01.corp.example:1433"]))).Account!;

        Assert.Equal(IdentityKind.ServiceAccount, account.Kind);
    }

    [Fact]
    public void TryMap_DomainAdminsMember_IsCritical()
    {
        var account = Map(LdapDialect.ActiveDirectory, AdEntry(("memberOf", ["CN=Domain Admins,CN=Users,DC=corp,DC=example"]))).Account!;

        Assert.Equal(PrivilegeLevel.Critical, account.Privilege);
    }

    [Fact]
    public void TryMap_EnterpriseAdminsMemberInOtherCase_IsCritical()
    {
        var account = Map(LdapDialect.ActiveDirectory, AdEntry(("memberOf", ["cn=enterprise admins,cn=Users,dc=corp,dc=example"]))).Account!;

        Assert.Equal(PrivilegeLevel.Critical, account.Privilege);
    }

    [Fact]
    public void TryMap_AdminCountOne_IsHigh()
    {
        var account = Map(LdapDialect.ActiveDirectory, AdEntry(("adminCount", ["1"]))).Account!;

        Assert.Equal(PrivilegeLevel.High, account.Privilege);
    }

    [Fact]
    public void TryMap_AdWithoutSamAccountName_IsAnObjectErrorNamingTheDn()
    {
        var result = Map(LdapDialect.ActiveDirectory, Entry(AdDn, ("cn", ["svc-backup"]), ("userAccountControl", ["512"])));

        Assert.Null(result.Account);
        Assert.Equal(AdDn, result.Error!.ExternalId);
        Assert.Contains("sAMAccountName", result.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TryMap_UnparseableFileTimeAndUac_ErrorNamesAttributesButNotValues()
    {
        var result = Map(LdapDialect.ActiveDirectory, AdEntry(("pwdLastSet", ["yesterday-s3cr3t"]), ("userAccountControl", ["0x200"])));

        Assert.Null(result.Account);
        Assert.Contains("pwdLastSet", result.Error!.Message, StringComparison.Ordinal);
        Assert.Contains("userAccountControl", result.Error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cr3t", result.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TryMap_OpenLdapEntry_ReadsPolicyAndLastBind()
    {
        const string dn = "uid=svc-billing,ou=services,dc=nhi,dc=test";
        var entry = Entry(dn, ("uid", ["svc-billing"]), ("cn", ["Billing service"]), ("owner", ["uid=bob,ou=people,dc=nhi,dc=test"]),
            ("memberOf", ["cn=billing-writers,ou=groups,dc=nhi,dc=test", "cn=app-readers,ou=groups,dc=nhi,dc=test"]),
            ("pwdChangedTime", ["20261115083000Z"]), ("authTimestamp", ["20261130221500Z"]), ("createTimestamp", ["20250102030405Z"]));

        var account = Map(LdapDialect.OpenLdap, entry).Account!;

        Assert.Equal("svc-billing", account.Name);
        Assert.Equal("uid=bob,ou=people,dc=nhi,dc=test", account.OwnerHint);
        Assert.Equal(["cn=app-readers,ou=groups,dc=nhi,dc=test", "cn=billing-writers,ou=groups,dc=nhi,dc=test"], account.Entitlements);
        Assert.Equal("Directory account in corp-ad", account.Description);
        Assert.False(account.Disabled);
        Assert.Equal(new DateTime(2026, 11, 15, 8, 30, 0, DateTimeKind.Utc), account.Credential.IssuedUtc);
        Assert.Equal(new DateTime(2026, 11, 30, 22, 15, 0, DateTimeKind.Utc), account.Credential.LastUsedUtc);
        Assert.Null(account.Credential.LastUsedNote);
        Assert.Equal(new DateTime(2025, 1, 2, 3, 4, 5, DateTimeKind.Utc), account.CreatedUtc);
    }

    [Fact]
    public void TryMap_OpenLdapManagerAndCnOnly_UsesThem()
    {
        var account = Map(LdapDialect.OpenLdap, Entry("cn=batch,ou=batch,dc=nhi,dc=test", ("cn", ["batch"]), ("manager", ["uid=carol,ou=people,dc=nhi,dc=test"]))).Account!;

        Assert.Equal("batch", account.Name);
        Assert.Equal("uid=carol,ou=people,dc=nhi,dc=test", account.OwnerHint);
        Assert.Null(account.Credential.IssuedUtc);
    }

    [Fact]
    public void TryMap_OpenLdapPermanentLock_IsDisabled()
    {
        var account = Map(LdapDialect.OpenLdap, Entry("uid=x,ou=services,dc=nhi,dc=test", ("uid", ["x"]), ("pwdAccountLockedTime", ["000001010000Z"]))).Account!;

        Assert.True(account.Disabled);
        Assert.False(account.Credential.Enabled);
    }

    [Fact]
    public void TryMap_OpenLdapWithoutUidOrCn_IsAnObjectError()
    {
        var result = Map(LdapDialect.OpenLdap, Entry("ou=odd,dc=nhi,dc=test", ("description", ["no name"])));

        Assert.Contains("uid or cn", result.Error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TryMap_OpenLdapYearZeroCreateTimestamp_IsAnObjectError()
    {
        var result = Map(LdapDialect.OpenLdap, Entry("uid=x,ou=services,dc=nhi,dc=test", ("uid", ["x"]), ("createTimestamp", ["00000101000000Z"])));

        Assert.Contains("createTimestamp", result.Error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Fingerprint_ChangesWithThePasswordChangeTime_AndIsStableOtherwise()
    {
        const string dn = "uid=svc-a,ou=services,dc=nhi,dc=test";
        Fingerprint Of(string changed) => Map(LdapDialect.OpenLdap, Entry(dn, ("uid", ["svc-a"]), ("pwdChangedTime", [changed]))).Account!.Credential.Fingerprint;

        Assert.Equal(Of("20261115083000Z"), Of("20261115083000Z"));
        Assert.NotEqual(Of("20261115083000Z"), Of("20261115083001Z"));
        Assert.Equal(LdapAccountMapper.PasswordFingerprint("corp-ad", dn, new DateTime(2026, 11, 15, 8, 30, 0, DateTimeKind.Utc)), Of("20261115083000Z"));
        Assert.Equal(Fingerprint.OfSecret($"corp-ad|{dn}|20261115083000.0000000Z"), Of("20261115083000Z"));
    }

    [Fact]
    public void Entry_AttributeNames_AreCaseInsensitive()
    {
        var entry = Entry("uid=x,dc=t", ("SAMACCOUNTNAME", ["x"]));

        Assert.Equal("x", entry.First("sAMAccountName"));
    }
}
