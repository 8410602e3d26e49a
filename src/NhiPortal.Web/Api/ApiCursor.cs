using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;
using NhiPortal.Core.Common;

namespace NhiPortal.Web.Api;

/// <summary>Opaque cursors: base64url JSON of the last row's sort key, so a client cannot depend on their shape.</summary>
public static class ApiCursor
{
    private sealed record NameKey(string N, Guid I);

    private sealed record TimeKey(DateTime T, Guid I);

    public static string Encode(NameCursor cursor) => WebEncoders.Base64UrlEncode(JsonSerializer.SerializeToUtf8Bytes(new NameKey(cursor.Name, cursor.Id)));

    public static string Encode(long after) => WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(after.ToString(System.Globalization.CultureInfo.InvariantCulture)));

    public static string Encode(Core.Reviews.CampaignCursor cursor) =>
        WebEncoders.Base64UrlEncode(JsonSerializer.SerializeToUtf8Bytes(new TimeKey(DateTime.SpecifyKind(cursor.CreatedUtc, DateTimeKind.Utc), cursor.Id)));

    public static Core.Reviews.CampaignCursor? DecodeCampaign(string? cursor)
    {
        if (string.IsNullOrEmpty(cursor))
        {
            return null;
        }
        try
        {
            var key = JsonSerializer.Deserialize<TimeKey>(WebEncoders.Base64UrlDecode(cursor));
            return key is { T.Kind: DateTimeKind.Utc } ? new Core.Reviews.CampaignCursor(key.T, key.I) : throw Invalid();
        }
        catch (Exception ex) when (ex is FormatException or JsonException)
        {
            throw Invalid();
        }
    }

    public static NameCursor? DecodeName(string? cursor)
    {
        if (string.IsNullOrEmpty(cursor))
        {
            return null;
        }
        try
        {
            var key = JsonSerializer.Deserialize<NameKey>(WebEncoders.Base64UrlDecode(cursor));
            return key is { N: not null } ? new NameCursor(key.N, key.I) : throw Invalid();
        }
        catch (Exception ex) when (ex is FormatException or JsonException)
        {
            throw Invalid();
        }
    }

    public static long? DecodeSequence(string? cursor)
    {
        if (string.IsNullOrEmpty(cursor))
        {
            return null;
        }
        try
        {
            return long.TryParse(Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(cursor)), System.Globalization.NumberStyles.None,
                System.Globalization.CultureInfo.InvariantCulture, out var after) ? after : throw Invalid();
        }
        catch (FormatException)
        {
            throw Invalid();
        }
    }

    /// <summary>Items per page: 1 to <see cref="PageRequest.MaxTake"/>, 100 when not given.</summary>
    public static int Limit(int? limit) => limit switch
    {
        null => 100,
        < 1 or > PageRequest.MaxTake => throw new ApiInputException("limit", $"limit must be 1 to {PageRequest.MaxTake}."),
        { } value => value,
    };

    private static ApiInputException Invalid() => new("cursor", "The cursor is not one this API returned; start again without it.");
}
