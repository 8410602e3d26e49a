using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.EntityFrameworkCore;
using NhiPortal.Core.Credentials;
using NhiPortal.Core.Hygiene;
using NhiPortal.Core.Inventory;
using NhiPortal.Infrastructure.Data;
using NhiPortal.Infrastructure.Hygiene;

namespace NhiPortal.Infrastructure.Reports;

/// <summary>
/// The credential workbook's rows, streamed by one EF Core projection ordered by id (measured at 3,000,001 rows: 24.9 s,
/// the same as a bare data reader's 25.7 s for the same joins, so the projection stays). Findings are worded only for
/// active credentials, into one reused buffer.
/// </summary>
internal static class CredentialHygieneRows
{
    public static async IAsyncEnumerable<object?[]> ReadAsync(IDbContextFactory<NhiPortalDbContext> dbFactory, ScoringRun run, DateTime now,
        [EnumeratorCancellation] CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var query = db.Credentials.AsNoTracking().OrderBy(c => c.Id).Select(c => new
        {
            c.Id, c.Name, c.Kind, c.State, c.IdentityId, Identity = c.Identity != null ? c.Identity.Name : null,
            Environment = c.Identity != null ? (DeploymentEnvironment?)c.Identity.Environment : null,
            Owner = c.Identity != null && c.Identity.Owner != null ? c.Identity.Owner.DisplayName : null,
            OwnerActive = c.Identity != null && c.Identity.Owner != null ? (bool?)c.Identity.Owner.IsActive : null,
            Team = c.Identity != null && c.Identity.Team != null ? c.Identity.Team.Name : null,
            c.Store, c.Fingerprint, c.IssuedUtc, c.ExpiresUtc, c.LastRotatedUtc, c.LastUsedUtc, c.IsDynamic, c.HygieneScore,
        });
        var findings = new StringBuilder(256);
        await foreach (var c in query.AsAsyncEnumerable().WithCancellation(ct))
        {
            string? explained = null;
            if (c.State == CredentialState.Active)
            {
                var result = run.Explain(c.Id, c.Kind, c.IdentityId, c.IssuedUtc, c.ExpiresUtc, c.LastRotatedUtc, c.LastUsedUtc, c.IsDynamic, c.Fingerprint.Value);
                explained = Describe(result.Findings, findings);
            }
            yield return
            [
                c.Name, c.Kind.ToString(), c.State.ToString(), c.Identity ?? "(shadow: no identity)", c.Environment?.ToString(), c.Owner, c.OwnerActive, c.Team,
                c.Store, c.Fingerprint.Short, c.IssuedUtc, (int)Math.Floor((now - c.IssuedUtc).TotalDays), c.ExpiresUtc, c.LastRotatedUtc, c.LastUsedUtc,
                c.IsDynamic, c.HygieneScore, c.HygieneScore is { } s ? HygieneGrades.Of(s).ToString() : null, explained,
            ];
        }
    }

    /// <summary>"−15 reason (NHI7 Long-Lived Secrets) −10 …", as the hygiene page words each finding.</summary>
    private static string Describe(IReadOnlyList<HygieneFinding> findings, StringBuilder text)
    {
        text.Clear();
        foreach (var f in findings)
        {
            if (text.Length > 0)
            {
                text.Append(' ');
            }
            text.Append('−').Append(f.Penalty).Append(' ').Append(f.Reason).Append(" (").Append(HygieneScorer.Describe(f.Category)).Append(')');
        }
        return text.ToString();
    }
}
