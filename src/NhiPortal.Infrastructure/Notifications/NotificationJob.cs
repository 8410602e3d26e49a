using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NhiPortal.Infrastructure.Credentials;
using NhiPortal.Infrastructure.Data;
using NhiPortal.Infrastructure.Outbox;

namespace NhiPortal.Infrastructure.Notifications;

/// <summary>
/// Every <c>Notifications:IntervalMinutes</c> (default 15), under the <c>notifications</c> lease, the credential
/// lifecycle's clockwork: mark credentials past expiry as Expired, rotate those whose interval has passed (where a
/// connector can do it unattended), decommission identities past their planned end, create the expiry, attestation
/// and end-date reminders that are due, then mail what is pending.
/// </summary>
public sealed class NotificationJob(
    IDbContextFactory<NhiPortalDbContext> dbFactory, CredentialExpiryRun expiry, Revocation.ScheduledRotationRun rotation, ExpiryReminderRun reminders, AttestationReminderRun attestationReminders,
    Requests.EndDateReminderRun endDateReminders, Requests.EndDateRun endDates, NotificationMailer mailer, TimeProvider clock,
    Outbox.JobStatusRecorder status, IConfiguration configuration, ILogger<NotificationJob> logger) : BackgroundService
{
    private const string JobName = "notifications";
    private readonly string _holder = Outbox.JobStatusRecorder.NewHolder();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = TimeSpan.FromMinutes(Math.Max(1, configuration.GetValue("Notifications:IntervalMinutes", 15)));
        using var timer = new PeriodicTimer(interval, clock);
        do
        {
            try
            {
                if (await JobLeases.TryAcquireAsync(dbFactory, JobName, _holder, interval, clock, stoppingToken))
                {
                    await status.RunAsync(JobName, RunOnceAsync, outcome => outcome, stoppingToken);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "The notification job failed; it runs again at the next interval");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>One pass of the credential lifecycle's clockwork; returns what it did in a few words.</summary>
    private async Task<string> RunOnceAsync(CancellationToken ct)
    {
        var expired = await expiry.MarkExpiredAsync(ct);
        if (expired > 0)
        {
            logger.LogInformation("Marked {Expired} credentials past their expiry as Expired", expired);
        }
        var (rotated, rotationFailures) = await rotation.RotateDueAsync(ct);
        if (rotated + rotationFailures > 0)
        {
            logger.LogInformation("Scheduled rotation: {Rotated} rotated, {Failed} failed", rotated, rotationFailures);
        }
        var ended = await endDates.MarkReachedAsync(ct);
        if (ended > 0)
        {
            logger.LogInformation("{Ended} identities reached their planned end and are being decommissioned", ended);
        }
        var created = await reminders.CreateDueAsync(ct) + await attestationReminders.CreateDueAsync(ct) + await endDateReminders.CreateDueAsync(ct);
        var (sent, failed) = await mailer.SendPendingAsync(ct);
        if (created + sent + failed > 0)
        {
            logger.LogInformation("Notifications: {Created} reminders created, {Sent} e-mails sent, {Failed} failed", created, sent, failed);
        }
        return $"{expired} expired, {rotated} rotated ({rotationFailures} failed), {ended} ended, {created} reminders, {sent} e-mails sent ({failed} failed)";
    }
}
