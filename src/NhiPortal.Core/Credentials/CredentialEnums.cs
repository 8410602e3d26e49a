namespace NhiPortal.Core.Credentials;

public enum CredentialKind
{
    ClientSecret,
    ApiKey,
    AccessToken,
    RefreshToken,
    Certificate,
    Password,
    SshKey,
}

/// <summary>Issue → rotate / expire / revoke. A rotation keeps this record and creates its successor.</summary>
public enum CredentialState
{
    Active,
    Expired,
    Revoked,
    Rotated,
}
