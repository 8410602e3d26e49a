namespace NhiPortal.Core.Notifications;

/// <summary>
/// A message to one staff member, shown in the portal and, when SMTP is configured, sent by e-mail.
/// <see cref="DedupKey"/> makes every reminder idempotent: a job that runs twice never warns twice.
/// </summary>
public sealed class Notification
{
    public long Id { get; set; }

    public required Guid RecipientId { get; set; }

    public required string Kind { get; set; }

    public required string Title { get; set; }

    public required string Body { get; set; }

    /// <summary>A portal-relative link to what the notification is about.</summary>
    public string? Link { get; set; }

    public required string DedupKey { get; set; }

    public required DateTime CreatedUtc { get; set; }

    public DateTime? ReadUtc { get; set; }

    /// <summary>When the e-mail went out; null while it is still due (or when the recipient has no address).</summary>
    public DateTime? EmailedUtc { get; set; }

    /// <summary>The last delivery error, so an operator sees why a reminder did not arrive.</summary>
    public string? EmailError { get; set; }

    public int EmailAttempts { get; set; }
}

public static class NotificationKinds
{
    public const string CredentialExpiring = "CredentialExpiring";
    public const string AttestationLapsing = "AttestationLapsing";
    public const string ReviewAssigned = "ReviewAssigned";
    public const string ReviewReminder = "ReviewReminder";
    public const string ReviewEscalated = "ReviewEscalated";
    public const string SourceFinding = "SourceFinding";
    public const string AnomalyFlagged = "AnomalyFlagged";
    public const string LeakReported = "LeakReported";
    public const string IdentityEnding = "IdentityEnding";
    public const string IdentityRequested = "IdentityRequested";
    public const string IdentityRequestDecided = "IdentityRequestDecided";
}

public sealed record NotificationRow(long Id, string Kind, string Title, string Body, string? Link, DateTime CreatedUtc, bool IsRead);

/// <summary>The caller's own notifications; nobody reads anyone else's.</summary>
public interface INotificationInbox
{
    Task<IReadOnlyList<NotificationRow>> GetMineAsync(bool unreadOnly, int take = 50, CancellationToken ct = default);

    Task<int> CountUnreadAsync(CancellationToken ct = default);

    Task MarkReadAsync(long id, CancellationToken ct = default);

    Task<int> MarkAllReadAsync(CancellationToken ct = default);
}

/// <summary>An e-mail that a notification sends; the body is plain text and never holds a secret.</summary>
public sealed record EmailMessage(string To, string Subject, string Body);

public interface IEmailSender
{
    /// <summary>False when no SMTP host is configured: notifications then stay in the portal only.</summary>
    bool IsConfigured { get; }

    Task SendAsync(EmailMessage message, CancellationToken ct);
}
