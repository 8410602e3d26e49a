namespace NhiPortal.Core.Discovery.Ldap;

/// <summary>Which attributes a directory keeps account state in: Active Directory's or OpenLDAP's (ppolicy, lastbind).</summary>
public enum LdapDialect
{
    ActiveDirectory,
    OpenLdap,
}
