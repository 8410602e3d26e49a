using System.Globalization;

namespace NhiPortal.Web.DevIdentityProvider;

/// <summary>
/// <c>GET /admin/realms/{realm}/events</c> as Keycloak documents it: <c>type</c> (repeatable), <c>client</c>,
/// <c>user</c>, <c>ipAddress</c>, <c>dateFrom</c>/<c>dateTo</c> (inclusive; yyyy-MM-dd or epoch milliseconds),
/// <c>first</c>, <c>max</c> (default 100) and <c>direction</c> (asc, or desc by default).
/// </summary>
public static class DevKeycloakEventsEndpoint
{
    private const int DefaultMax = 100;

    public static void Map(RouteGroupBuilder realm) => realm.MapGet("/events", (HttpRequest request, DevRealmEvents events) =>
    {
        var query = request.Query;
        if (!TryTime(query["dateFrom"], endOfDay: false, out var from) || !TryTime(query["dateTo"], endOfDay: true, out var to))
        {
            return Results.Json(new { error = "Invalid value for 'Date(From)' or 'Date(To)', expected format is yyyy-MM-dd or epoch milliseconds" },
                statusCode: StatusCodes.Status400BadRequest);
        }
        var types = query["type"].Where(t => !string.IsNullOrEmpty(t)).ToHashSet(StringComparer.Ordinal);
        var first = int.TryParse(query["first"], NumberStyles.None, CultureInfo.InvariantCulture, out var f) ? f : 0;
        var max = int.TryParse(query["max"], NumberStyles.None, CultureInfo.InvariantCulture, out var m) ? m : DefaultMax;
        var selected = events.Snapshot()
            .Where(e => types.Count == 0 || types.Contains(e.Type))
            .Where(e => query["client"] is not { Count: > 0 } client || e.ClientId == client.ToString())
            .Where(e => query["user"] is not { Count: > 0 } user || e.UserId == user.ToString())
            .Where(e => query["ipAddress"] is not { Count: > 0 } ip || e.IpAddress == ip.ToString())
            .Where(e => (from is null || e.Time >= from) && (to is null || e.Time <= to));
        // Stable within one millisecond (recording order), so paging by first/max never skips or repeats an event.
        var ordered = query["direction"] == "asc" ? selected.OrderBy(e => e.Time) : selected.OrderByDescending(e => e.Time);
        return Results.Json(ordered.Skip(first).Take(max).Select(e => new
        {
            id = e.Id, time = e.Time, type = e.Type, realmId = e.RealmId, clientId = e.ClientId, userId = e.UserId, ipAddress = e.IpAddress,
            details = new Dictionary<string, string> { ["grant_type"] = "client_credentials", ["client_auth_method"] = "client-secret" },
        }));
    });

    private static bool TryTime(string? text, bool endOfDay, out long? epochMs)
    {
        epochMs = null;
        if (string.IsNullOrEmpty(text))
        {
            return true;
        }
        if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var ms))
        {
            epochMs = ms;
            return true;
        }
        if (DateTime.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var day))
        {
            epochMs = new DateTimeOffset(endOfDay ? day.AddDays(1).AddMilliseconds(-1) : day, TimeSpan.Zero).ToUnixTimeMilliseconds();
            return true;
        }
        return false;
    }
}
