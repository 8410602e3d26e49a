using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Configuration;
using MimeKit;
using NhiPortal.Core.Notifications;

namespace NhiPortal.Infrastructure.Notifications;

/// <summary>The <c>Smtp</c> configuration section (DESIGN.md). No host: e-mail is off and notifications stay in the portal.</summary>
public sealed record SmtpSettings
{
    public string? Host { get; init; }
    public int Port { get; init; } = 587;
    public string From { get; init; } = "nhiportal@localhost";
    public string? UserName { get; init; }
    public string? Password { get; init; }
    public bool UseTls { get; init; } = true;
    public int TimeoutSeconds { get; init; } = 15;

    public static SmtpSettings Load(IConfiguration configuration) => configuration.GetSection("Smtp").Get<SmtpSettings>() ?? new SmtpSettings();
}

/// <summary>Sends plain-text mail through the configured relay with MailKit (STARTTLS when <see cref="SmtpSettings.UseTls"/>).</summary>
public sealed class SmtpEmailSender(SmtpSettings settings) : IEmailSender
{
    public bool IsConfigured => !string.IsNullOrWhiteSpace(settings.Host);

    public async Task SendAsync(EmailMessage message, CancellationToken ct)
    {
        if (!IsConfigured)
        {
            throw new InvalidOperationException("No SMTP host is configured (Smtp:Host).");
        }
        var mime = new MimeMessage();
        mime.From.Add(MailboxAddress.Parse(settings.From));
        mime.To.Add(MailboxAddress.Parse(message.To));
        mime.Subject = message.Subject;
        mime.Body = new TextPart("plain") { Text = message.Body };

        using var client = new SmtpClient { Timeout = settings.TimeoutSeconds * 1000 };
        await client.ConnectAsync(settings.Host!, settings.Port, settings.UseTls ? SecureSocketOptions.StartTls : SecureSocketOptions.None, ct);
        if (!string.IsNullOrEmpty(settings.UserName))
        {
            await client.AuthenticateAsync(settings.UserName, settings.Password ?? "", ct);
        }
        await client.SendAsync(mime, ct);
        await client.DisconnectAsync(true, ct);
    }
}
