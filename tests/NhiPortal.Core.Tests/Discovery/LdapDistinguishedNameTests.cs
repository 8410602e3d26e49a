using NhiPortal.Core.Discovery.Ldap;

namespace NhiPortal.Core.Tests.Discovery;

public class LdapDistinguishedNameTests
{
    [Theory]
    [InlineData("uid=svc,ou=services,dc=nhi,dc=test", "ou=services,dc=nhi,dc=test", true)]
    [InlineData("UID=svc, OU=Services ,DC=NHI,dc=test", "ou=services,dc=nhi,dc=test", true)]
    [InlineData("uid=svc,ou=deep,ou=services,dc=nhi,dc=test", "ou=services,dc=nhi,dc=test", true)]
    [InlineData("uid=svc,ou=evilservices,dc=nhi,dc=test", "ou=services,dc=nhi,dc=test", false)]
    [InlineData("uid=svc\\,ou=services,dc=nhi,dc=test", "ou=services,dc=nhi,dc=test", false)]
    [InlineData("uid=svc,ou=services\\2Cdc=nhi,dc=test", "ou=services,dc=nhi,dc=test", false)]
    [InlineData("ou=services,dc=nhi,dc=test", "ou=services,dc=nhi,dc=test", false)]
    [InlineData("uid=svc,ou=people,dc=nhi,dc=test", "ou=services,dc=nhi,dc=test", false)]
    [InlineData("uid=svc,,dc=test", "dc=test", false)]
    [InlineData("not a dn", "dc=test", false)]
    public void IsBelow_ComparesRdnByRdn(string dn, string baseDn, bool below) => Assert.Equal(below, LdapDistinguishedName.IsBelow(dn, baseDn));

    [Fact]
    public void Normalize_HexEscapeAndPlainSpellingAreTheSame() =>
        Assert.Equal(LdapDistinguishedName.Normalize("cn=a\\2Cb,dc=x"), LdapDistinguishedName.Normalize("CN=A\\,B, DC=X"));

    [Fact]
    public void Normalize_MultiValuedRdn_OrderDoesNotMatter() =>
        Assert.Equal(LdapDistinguishedName.Normalize("cn=a+uid=b,dc=x"), LdapDistinguishedName.Normalize("uid=b+cn=a,dc=x"));
}
