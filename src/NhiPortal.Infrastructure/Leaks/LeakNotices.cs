using Microsoft.EntityFrameworkCore;
using NhiPortal.Core.Access;
using NhiPortal.Core.Leaks;
using NhiPortal.Core.Notifications;
using NhiPortal.Infrastructure.Data;

namespace NhiPortal.Infrastructure.Leaks;

/// <summary>
/// Tells the credential's owner and every operator and administrator about a leak, with a link to the report where
/// one click starts the revocation. Keyed per report and recipient, so a second delivery adds nothing.
/// </summary>
public sealed class LeakNotices(TimeProvider clock)
{
    public static string Link(Guid reportId) => $"/leaks?report={reportId:D}";

    public async Task AddAsync(NhiPortalDbContext db, Guid reportId, CancellationToken ct)
    {
        var report = await db.LeakReports.AsNoTracking().SingleAsync(r => r.Id == reportId, ct);
        var credential = report.CredentialId is { } id
            ? await db.Credentials.AsNoTracking().Where(c => c.Id == id).Select(c => new { c.Name, OwnerId = c.IdentityId == null ? null : c.Identity!.OwnerId, IdentityName = c.IdentityId == null ? null : c.Identity!.Name })
                .SingleOrDefaultAsync(ct)
            : null;
        var staff = await db.StaffMembers.AsNoTracking().Where(s => s.IsActive).Select(s => new { s.Id, s.PortalRoles }).ToListAsync(ct);
        // Roles as stored at sign-in, read by the one parser of that column.
        var recipients = staff.Where(s => s.PortalRoles is { } stored && Core.Reviews.ReviewerCandidate.Roles(stored) is var roles
                && (roles.Contains(PortalRole.SecurityOperator) || roles.Contains(PortalRole.Administrator)))
            .Select(s => s.Id).ToHashSet();
        if (credential?.OwnerId is { } owner && staff.Any(s => s.Id == owner))
        {
            recipients.Add(owner);
        }
        var prefix = $"leak:{reportId:N}:";
        var sent = (await db.Notifications.AsNoTracking().Where(n => n.DedupKey.StartsWith(prefix)).Select(n => n.DedupKey).ToListAsync(ct)).ToHashSet();
        var (title, body) = Text(report, credential?.Name, credential?.IdentityName);
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var recipient in recipients.Where(r => !sent.Contains(prefix + r.ToString("N"))))
        {
            db.Notifications.Add(new Notification
            {
                RecipientId = recipient, Kind = NotificationKinds.LeakReported, Title = Core.Common.Reasons.Fit(title, 300), Body = Core.Common.Reasons.Fit(body, 2000),
                Link = Link(reportId), DedupKey = prefix + recipient.ToString("N"), CreatedUtc = now,
            });
        }
    }

    private static (string Title, string Body) Text(LeakReport report, string? name, string? identity)
    {
        var what = name is null ? $"A leaked secret ({report.Fingerprint.Short})" : $"A leaked secret of {name}{(identity is null ? "" : $" ({identity}, {report.Environment})")}";
        var found = $"{what} was reported{(report.Scanner.Length > 0 ? $" by {report.Scanner}" : "")}, found at {report.Location}.";
        var note = report.Note is null ? "" : " " + report.Note;
        return report.Outcome switch
        {
            LeakOutcome.AutoRevocationStarted => ($"Leaked credential {name} is being revoked", $"{found} {report.Environment} revokes automatically: a revocation run has started.{note}"),
            LeakOutcome.OwnerNotified => ($"Leaked credential {name}: revoke it now", $"{found} Open the report and press \"Revoke now\".{note}"),
            LeakOutcome.AlreadyInactive => ($"Leaked old secret of {name}", $"{found}{note}"),
            LeakOutcome.Unmatched => ("Leaked secret matches no known credential", $"{found}{note} Find it and revoke it where it lives."),
        };
    }
}
