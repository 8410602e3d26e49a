namespace NhiPortal.Infrastructure.Discovery;

public static class DiscoverySourceKinds
{
    public const string Ldap = "ldap";
    public const string PostgreSql = "postgresql";
    public const string Keycloak = "keycloak";
}
