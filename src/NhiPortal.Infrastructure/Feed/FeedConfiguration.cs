using Microsoft.Extensions.Configuration;
using NhiPortal.Core.Common;
using NhiPortal.Core.Feed;

namespace NhiPortal.Infrastructure.Feed;

/// <summary>
/// Destinations seeded from <c>Feed:Destinations:&lt;name&gt;:{Kind, Address, Format, Tls, CaFile, PinnedThumbprint,
/// SecretVariable, SecretFile, PreviousSecretVariable, PreviousSecretFile, Enabled}</c>. Read when the host is built, so
/// a secret written into configuration (<c>Secret</c>, <c>PreviousSecret</c>) or an invalid entry stops the start.
/// </summary>
public sealed record FeedConfiguration(IReadOnlyList<FeedDestinationInput> Destinations)
{
    public static readonly FeedConfiguration Empty = new([]);

    public static FeedConfiguration Load(IConfiguration configuration)
    {
        var list = new List<FeedDestinationInput>();
        foreach (var section in configuration.GetSection("Feed:Destinations").GetChildren())
        {
            foreach (var key in new[] { "Secret", "PreviousSecret" })
            {
                if (section[key] is { Length: > 0 })
                {
                    throw new InvalidOperationException($"Feed destination \"{section.Key}\": {key} is not read from configuration; name an environment variable ({key}Variable) or a file ({key}File).");
                }
            }
            if (!Enum.TryParse<FeedKind>(section["Kind"], true, out var kind))
            {
                throw new InvalidOperationException($"Feed destination \"{section.Key}\" needs Feed:Destinations:{section.Key}:Kind (Syslog or Webhook).");
            }
            var format = FeedFormat.Ocsf;
            if (section["Format"] is { Length: > 0 } f && !Enum.TryParse(f, true, out format))
            {
                throw new InvalidOperationException($"Feed destination \"{section.Key}\": Format is Ocsf or Cef.");
            }
            try
            {
                list.Add(FeedDestinationRules.Validate(new FeedDestinationInput
                {
                    Name = section.Key, Kind = kind, Format = format, Address = section["Address"] ?? "", Tls = section.GetValue("Tls", false),
                    CaFile = section["CaFile"], PinnedThumbprint = section["PinnedThumbprint"],
                    SecretVariable = section["SecretVariable"], SecretFile = section["SecretFile"],
                    PreviousSecretVariable = section["PreviousSecretVariable"], PreviousSecretFile = section["PreviousSecretFile"],
                    Enabled = section.GetValue("Enabled", true),
                }));
            }
            catch (ValidationException ex)
            {
                throw new InvalidOperationException($"Feed destination \"{section.Key}\": {ex.Message}", ex);
            }
        }
        return new FeedConfiguration(list);
    }
}
