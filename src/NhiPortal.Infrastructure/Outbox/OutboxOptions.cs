using Microsoft.Extensions.Configuration;

namespace NhiPortal.Infrastructure.Outbox;

/// <summary><c>Outbox:PollMilliseconds</c> (default 500): how often each instance looks for follow-ups written elsewhere.</summary>
public sealed record OutboxOptions
{
    public int PollMilliseconds { get; init; } = 500;

    public static OutboxOptions Load(IConfiguration configuration) => configuration.GetSection("Outbox").Get<OutboxOptions>() ?? new OutboxOptions();
}
