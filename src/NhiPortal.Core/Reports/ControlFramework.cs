namespace NhiPortal.Core.Reports;

/// <summary>The portal's controls against the frameworks an auditor maps them to (the "Frameworks" sheet of every report).</summary>
public static class ControlFramework
{
    public sealed record Control(string Id, string Description, string Evidence, string OwaspNhi, string NistCsf, string Nist80063);

    public static IReadOnlyList<Control> Controls { get; } =
    [
        new("NHI-01", "Every NHI has a named, active human owner; orphans are listed with their reason", "Ownership report; Orphans page", "NHI1 Improper Offboarding", "GV.RR-02, ID.AM-05", "SP 800-63-4 §2 (subscriber accountability)"),
        new("NHI-02", "Owners attest their NHIs within a window; overdue attestation lowers the score", "Identity events (IdentityAttested); hygiene findings", "NHI1 Improper Offboarding", "PR.AA-05, GV.OV-03", "SP 800-63B §6 (authenticator lifecycle)"),
        new("NHI-03", "Maximum credential age and rotation per kind and environment (versioned policy)", "Hygiene policy versions; credential inventory report", "NHI7 Long-Lived Secrets", "PR.AA-01, PR.DS-01", "SP 800-63B §6.1 (authenticator binding and renewal)"),
        new("NHI-04", "Expiry tracked for every credential, including vault-less ones; owners reminded before expiry", "ExpiryReminderSent events; credential inventory report", "NHI7 Long-Lived Secrets", "PR.AA-01, DE.CM-09", "SP 800-63B §6.1.4 (renewal)"),
        new("NHI-05", "Same secret in several environments or identities is a finding", "Hygiene findings (ReusedAcross…)", "NHI8 Environment Isolation; NHI9 NHI Reuse", "PR.AA-01, PR.IR-01", "SP 800-63B §5.1 (authenticator uniqueness)"),
        new("NHI-06", "Privileged NHIs score lower and are reviewed more often", "Hygiene findings (Privileged); risk-based recurring campaigns (Reviews:Cadence: critical or grade F every 30 days by default)", "NHI5 Overprivileged NHI", "PR.AA-05", "SP 800-63-4 §2.4"),
        new("NHI-07", "One-click revocation through connectors, verified by probe, every step recorded", "Revocation report; credential events", "NHI1, NHI7", "RS.MI-01, RS.MI-02", "SP 800-63B §6.2 (loss, theft, compromise)"),
        new("NHI-08", "Secrets are never stored: only fingerprints, shown shortened", "Import refusals; architecture", "NHI2 Secret Leakage", "PR.DS-01, PR.DS-02", "SP 800-63B §5.1.1.2 (memorized secret storage)"),
        new("NHI-09", "Append-only, hash-chained audit log in four streams, verifiable", "Audit extract with chain verification", "—", "DE.CM-09, GV.OV-02", "SP 800-63-4 §2 (records retention)"),
        new("NHI-10", "Role-based access enforced in services; refusals audited", "Access stream (AccessRefused)", "—", "PR.AA-05", "—"),
    ];
}
