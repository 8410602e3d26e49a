namespace NhiPortal.Core.Import;

public enum ImportKind
{
    Identities,
    Credentials,
    Staff,
}

public sealed record ImportColumn(string Name, bool Required, string Meaning, string Example);

/// <summary>The documented column layout of each import (also the downloadable template and the README table).</summary>
public static class ImportLayout
{
    public const string ListSeparator = ";";

    public static readonly IReadOnlyList<ImportColumn> Identities =
    [
        new("ExternalId", true, "Stable id in the source system; re-importing the same id updates, never duplicates", "aws:iam:role/payments-ledger"),
        new("Name", true, "Unique name of the identity", "svc-payments-ledger-prod"),
        new("Kind", true, "ServiceAccount, Workload, ApiClient, CiCdIntegration, Bot or VendorIntegration", "ServiceAccount"),
        new("Purpose", true, "What it is for, in one sentence", "Posts settled payments to the ledger"),
        new("Environment", true, "Production, Staging or Development", "Production"),
        new("SourceSystem", true, "Where it was found", "aws-iam"),
        new("OwnerEmail", false, "Email of the owning staff member (or leave blank: an orphan)", "ada.adminson@example.org"),
        new("Team", false, "Owning team's name (created if new)", "Payments"),
        new("PrivilegeLevel", false, "Low, Medium, High or Critical (default Low)", "High"),
        new("Entitlements", false, "Permissions, separated by ;", "ledger:write;queue:read"),
        new("Shared", false, "true if several people or systems use it", "false"),
        new("BreakGlass", false, "true for an emergency-only account", "false"),
        new("VendorManaged", false, "true if a vendor operates it", "false"),
        new("LastActivityUtc", false, "Last time it was seen in use (ISO 8601, UTC)", "2026-11-20T08:15:00Z"),
    ];

    public static readonly IReadOnlyList<ImportColumn> Credentials =
    [
        new("ExternalId", true, "Stable id of the credential in its store", "vault:kv/payments/ledger#3"),
        new("Name", true, "A name people recognise", "ledger-db-password"),
        new("Kind", true, "ClientSecret, ApiKey, AccessToken, RefreshToken, Certificate, Password or SshKey", "Password"),
        new("IdentityExternalId", false, "ExternalId of the identity it belongs to; blank marks a shadow credential", "aws:iam:role/payments-ledger"),
        new("Purpose", true, "What the credential is used for", "Ledger database login"),
        new("Store", true, "The vault, cloud or system that holds it", "vault"),
        new("StoreReference", true, "Path, key id or role name in that store (never the value)", "kv/payments/ledger"),
        new("Fingerprint", true, "SHA-256 of the value as 64 hex, computed outside the portal (other digests with their prefix, e.g. sha1:…)", "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"),
        new("IssuedUtc", true, "When it was issued (ISO 8601, UTC)", "2026-01-15T00:00:00Z"),
        new("ExpiresUtc", false, "When it expires; blank if it never does", "2027-01-15T00:00:00Z"),
        new("LastRotatedUtc", false, "When it was last rotated", ""),
        new("LastUsedUtc", false, "When it was last used", "2026-11-20T08:15:00Z"),
        new("Dynamic", false, "true for a short-lived credential minted on demand", "false"),
        new("TtlMinutes", false, "Time to live of a dynamic credential, in minutes", ""),
    ];

    public static readonly IReadOnlyList<ImportColumn> Staff =
    [
        new("Subject", true, "The person's subject (sub) at the identity provider", "00u1a2b3c4d5"),
        new("DisplayName", true, "Full name", "Ada Adminson"),
        new("Email", false, "Work email (used to match identity owners)", "ada.adminson@example.org"),
        new("Team", false, "Team name (created if new)", "Payments"),
        new("Status", false, "Active or Left; Left orphans everything the person owns", "Active"),
        new("ManagerEmail", false, "Email of the person's line manager, in the directory or on another row (blank clears it); the second step of a review's escalation", "grace.lead@example.org"),
        new("TeamLead", false, "true makes the person their team's lead (the team's reviewer when an owner cannot review), false takes it away, blank leaves it", "false"),
    ];

    public static IReadOnlyList<ImportColumn> For(ImportKind kind) => kind switch
    {
        ImportKind.Identities => Identities,
        ImportKind.Credentials => Credentials,
        ImportKind.Staff => Staff,
    };
}
