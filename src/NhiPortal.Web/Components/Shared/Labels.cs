using NhiPortal.Core.Credentials;
using NhiPortal.Core.Inventory;
using NhiPortal.Core.Ownership;

namespace NhiPortal.Web.Components.Shared;

/// <summary>The words the UI uses for domain values (one place, so every page and export agrees).</summary>
public static class Labels
{
    public static string Of(IdentityKind kind) => kind switch
    {
        IdentityKind.ServiceAccount => "Service account",
        IdentityKind.Workload => "Workload",
        IdentityKind.ApiClient => "API client",
        IdentityKind.CiCdIntegration => "CI/CD integration",
        IdentityKind.Bot => "Bot",
        IdentityKind.VendorIntegration => "Vendor integration",
    };

    public static string Of(DeploymentEnvironment environment) => environment switch
    {
        DeploymentEnvironment.Production => "Production",
        DeploymentEnvironment.Staging => "Staging",
        DeploymentEnvironment.Development => "Development",
    };

    public static string Of(CredentialKind kind) => kind switch
    {
        CredentialKind.ClientSecret => "Client secret",
        CredentialKind.ApiKey => "API key",
        CredentialKind.AccessToken => "Access token",
        CredentialKind.RefreshToken => "Refresh token",
        CredentialKind.Certificate => "Certificate",
        CredentialKind.Password => "Password",
        CredentialKind.SshKey => "SSH key",
    };

    public static string Of(OrphanReason reason) => reason switch
    {
        OrphanReason.None => "",
        OrphanReason.NoOwner => "No owner",
        OrphanReason.OwnerLeft => "Owner left",
        OrphanReason.TeamDissolved => "Team dissolved",
    };

    public static MudBlazor.Color ColorOf(IdentityLifecycleState state) => state switch
    {
        IdentityLifecycleState.Active => MudBlazor.Color.Success,
        IdentityLifecycleState.Disabled => MudBlazor.Color.Warning,
        IdentityLifecycleState.Decommissioned => MudBlazor.Color.Default,
    };

    public static MudBlazor.Color ColorOf(CredentialState state) => state switch
    {
        CredentialState.Active => MudBlazor.Color.Success,
        CredentialState.Expired => MudBlazor.Color.Error,
        CredentialState.Revoked => MudBlazor.Color.Default,
        CredentialState.Rotated => MudBlazor.Color.Info,
    };

    public static MudBlazor.Color ColorOf(PrivilegeLevel level) => level switch
    {
        PrivilegeLevel.Low => MudBlazor.Color.Default,
        PrivilegeLevel.Medium => MudBlazor.Color.Info,
        PrivilegeLevel.High => MudBlazor.Color.Warning,
        PrivilegeLevel.Critical => MudBlazor.Color.Error,
    };

    /// <summary>A duration at the scale a person reads it: ms, s, min or h.</summary>
    public static string Duration(TimeSpan? value) => value switch
    {
        null => "—",
        { TotalSeconds: < 1 } v => $"{v.TotalMilliseconds.ToString("0", System.Globalization.CultureInfo.CurrentCulture)} ms",
        { TotalMinutes: < 1 } v => $"{v.TotalSeconds.ToString("0.0", System.Globalization.CultureInfo.CurrentCulture)} s",
        { TotalHours: < 1 } v => $"{v.TotalMinutes.ToString("0.0", System.Globalization.CultureInfo.CurrentCulture)} min",
        { } v => $"{v.TotalHours.ToString("0.0", System.Globalization.CultureInfo.CurrentCulture)} h",
    };
}
