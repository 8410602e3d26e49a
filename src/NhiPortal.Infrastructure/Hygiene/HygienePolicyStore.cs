using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using NhiPortal.Core.Hygiene;
using NhiPortal.Infrastructure.Data;

namespace NhiPortal.Infrastructure.Hygiene;

/// <summary>Reads the newest saved policy version (the built-in default until an administrator saves one).</summary>
internal static class HygienePolicyStore
{
    public static readonly JsonSerializerOptions Json = new() { Converters = { new JsonStringEnumConverter() } };

    public static async Task<HygienePolicy> CurrentAsync(NhiPortalDbContext db, CancellationToken ct)
    {
        var latest = await db.HygienePolicyVersions.AsNoTracking().OrderByDescending(v => v.Version).FirstOrDefaultAsync(ct);
        return latest is null ? HygienePolicy.Default : Deserialize(latest);
    }

    public static HygienePolicy Deserialize(HygienePolicyVersion version) =>
        (JsonSerializer.Deserialize<HygienePolicy>(version.PolicyJson, Json) ?? HygienePolicy.Default) with { Version = version.Version };

    public static string Serialize(HygienePolicy policy) => JsonSerializer.Serialize(policy, Json);
}
