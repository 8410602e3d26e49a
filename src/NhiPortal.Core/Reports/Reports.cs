using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using NhiPortal.Core.Audit;

namespace NhiPortal.Core.Reports;

public enum ReportKind
{
    CredentialHygiene,
    Ownership,
    Revocations,
    AuditExtract,
    AccessReview,
}

public enum ReportFormat
{
    Xlsx,
    Csv,
}

/// <summary>What to report on: a period (for changes, runs and audit events) and, for an audit extract, a stream.</summary>
public sealed record ReportRequest(ReportKind Kind, ReportFormat Format = ReportFormat.Xlsx, DateTime? FromUtc = null, DateTime? ToUtc = null, AuditStream? Stream = null,
    Guid? CampaignId = null)
{
    public string? Validate() => (FromUtc, ToUtc) switch
    {
        _ when Kind == ReportKind.AccessReview && CampaignId is null => "Choose the campaign.",
        ({ } from, { } to) when to <= from => "The end of the period must be after its start.",
        ({ } from, { } to) when to - from > TimeSpan.FromDays(3_660) => "A period of at most ten years.",
        _ => Format == ReportFormat.Csv && Kind is not (ReportKind.CredentialHygiene or ReportKind.AuditExtract)
            ? "CSV is offered for the flat reports (credential inventory, audit extract); use Excel for this one."
            : null,
    };
}

public enum ColumnType
{
    Text,
    Integer,
    Number,
    DateTime,
    Boolean,
}

public sealed record ReportColumn(string Header, ColumnType Type, double Width = 16);

/// <summary>A written report: where it is, what it is called, and what its cover says.</summary>
public sealed record ReportResult(string FileName, string ContentType, IReadOnlyDictionary<string, long> RowCounts, string DataSha256);

public interface IReportService
{
    /// <summary>Writes the report to <paramref name="output"/> (seekable for Excel), audited as an export. Auditors, operators, administrators.</summary>
    Task<ReportResult> WriteAsync(ReportRequest request, Stream output, CancellationToken ct = default);
}

/// <summary>
/// The SHA-256 printed on a report's cover: over every data sheet in order, as UTF-8 lines
/// "sheet name", then the tab-joined headers, then each row's tab-joined values (text as is with tab, CR and LF
/// escaped; whole numbers in invariant digits; dates as yyyy-MM-ddTHH:mm:ss; true/false; empty for none).
/// Anyone can recompute it from the workbook to show a copy is unchanged.
/// </summary>
public sealed class ReportChecksum : IDisposable
{
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private readonly StringBuilder _line = new(512);
    private readonly Encoder _encoder = new UTF8Encoding(false).GetEncoder();
    private byte[] _buffer = new byte[4096];

    public void Sheet(string name, IEnumerable<string> headers)
    {
        Line(name);
        Line(string.Join('\t', headers.Select(Escape)));
    }

    public void Row(IReadOnlyList<object?> values)
    {
        _line.Clear();
        for (var i = 0; i < values.Count; i++)
        {
            if (i > 0)
            {
                _line.Append('\t');
            }
            Append(_line, values[i]);
        }
        _line.Append('\n');
        Flush();
    }

    public string Finish() => Convert.ToHexStringLower(_hash.GetHashAndReset());

    public static string Canonical(object? value)
    {
        var text = new StringBuilder();
        Append(text, value);
        return text.ToString();
    }

    private static void Append(StringBuilder text, object? value)
    {
        switch (value)
        {
            case null:
                return;
            case string s:
                text.Append(Escape(s));
                return;
            case DateTime d:
                text.Append(CultureInfo.InvariantCulture, $"{Truncate(d):yyyy-MM-ddTHH:mm:ss}");
                return;
            case bool b:
                text.Append(b ? "true" : "false");
                return;
            case int or long:
                text.Append(CultureInfo.InvariantCulture, $"{value}");
                return;
            case double x:
                text.Append(CultureInfo.InvariantCulture, $"{x:0.###}");
                return;
            default:
                text.Append(Escape(Convert.ToString(value, CultureInfo.InvariantCulture) ?? ""));
                return;
        }
    }

    /// <summary>Dates are written to the second, so the workbook and the checksum agree.</summary>
    public static DateTime Truncate(DateTime value) => new(value.Ticks - value.Ticks % TimeSpan.TicksPerSecond, DateTimeKind.Utc);

    private static string Escape(string value) => value.AsSpan().IndexOfAny('\\', '\t', '\r') < 0 && !value.Contains('\n', StringComparison.Ordinal)
        ? value
        : value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\t", "\\t", StringComparison.Ordinal)
            .Replace("\r", "\\r", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);

    private void Line(string text)
    {
        _line.Clear().Append(text).Append('\n');
        Flush();
    }

    private void Flush()
    {
        var needed = Encoding.UTF8.GetMaxByteCount(_line.Length);
        if (_buffer.Length < needed)
        {
            _buffer = new byte[Math.Max(needed, _buffer.Length * 2)];
        }
        // An encoder keeps a surrogate pair split across two chunks together.
        var length = 0;
        foreach (var chunk in _line.GetChunks())
        {
            length += _encoder.GetBytes(chunk.Span, _buffer.AsSpan(length), flush: false);
        }
        length += _encoder.GetBytes(ReadOnlySpan<char>.Empty, _buffer.AsSpan(length), flush: true);
        _hash.AppendData(_buffer, 0, length);
    }

    public void Dispose() => _hash.Dispose();
}

/// <summary>Text that a spreadsheet would run as a formula is neutralised (OWASP CSV injection).</summary>
public static class FormulaGuard
{
    public static bool LooksLikeFormula(string value) => value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r';

    /// <summary>For CSV: a leading apostrophe makes a spreadsheet show the text instead of evaluating it.</summary>
    public static string ForCsv(string value) => LooksLikeFormula(value) ? "'" + value : value;
}

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
        new("NHI-06", "Privileged NHIs score lower and are reviewed more often", "Hygiene findings (Privileged)", "NHI5 Overprivileged NHI", "PR.AA-05", "SP 800-63-4 §2.4"),
        new("NHI-07", "One-click revocation through connectors, verified by probe, every step recorded", "Revocation report; credential events", "NHI1, NHI7", "RS.MI-01, RS.MI-02", "SP 800-63B §6.2 (loss, theft, compromise)"),
        new("NHI-08", "Secrets are never stored: only fingerprints, shown shortened", "Import refusals; architecture", "NHI2 Secret Leakage", "PR.DS-01, PR.DS-02", "SP 800-63B §5.1.1.2 (memorized secret storage)"),
        new("NHI-09", "Append-only, hash-chained audit log in four streams, verifiable", "Audit extract with chain verification", "—", "DE.CM-09, GV.OV-02", "SP 800-63-4 §2 (records retention)"),
        new("NHI-10", "Role-based access enforced in services; refusals audited", "Access stream (AccessRefused)", "—", "PR.AA-05", "—"),
    ];
}
