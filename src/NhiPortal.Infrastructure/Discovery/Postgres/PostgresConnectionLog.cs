using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using NhiPortal.Core.Discovery;
using NhiPortal.Core.Usage;

namespace NhiPortal.Infrastructure.Discovery.Postgres;

/// <summary>
/// The server's jsonlog files (<c>log_destination=jsonlog</c>, <c>log_connections=on</c>, <c>log_timezone=UTC</c>
/// recommended) in one directory, read in name order (the server names them by time). The cursor is
/// "&lt;file&gt;:&lt;byte offset&gt;" just past the last complete line, so no line is counted twice and a line the server is
/// still writing is read whole next time. Lines that are not JSON log lines are skipped and counted, never thrown.
/// </summary>
public sealed partial class PostgresConnectionLog(string source, string directory)
{
    private const string Authorized = "connection authorized: ";
    private const string PasswordFailed = "password authentication failed for user ";

    public string Directory => directory;

    public async Task<ConnectionLogRead> ReadAsync(string? cursor, CancellationToken ct)
    {
        if (!System.IO.Directory.Exists(directory))
        {
            throw new DiscoverySourceException($"PostgreSQL source \"{source}\": the connection log directory {directory} does not exist or cannot be read.");
        }
        var (cursorFile, cursorOffset) = ParseCursor(cursor);
        var files = System.IO.Directory.GetFiles(directory, "*.json").Select(Path.GetFileName).OfType<string>()
            .Where(f => cursorFile is null || string.CompareOrdinal(f, cursorFile) >= 0)
            .Order(StringComparer.Ordinal).ToList();
        var events = new List<UsageEvent>();
        var malformed = 0;
        var next = cursor;
        foreach (var file in files)
        {
            var (end, bad) = await ReadFileAsync(Path.Combine(directory, file), file == cursorFile ? cursorOffset : 0, events, ct);
            malformed += bad;
            next = string.Create(CultureInfo.InvariantCulture, $"{file}:{end}");
        }
        return new ConnectionLogRead(events, next, malformed);
    }

    private static (string? File, long Offset) ParseCursor(string? cursor)
    {
        var colon = cursor?.LastIndexOf(':') ?? -1;
        return colon > 0 && long.TryParse(cursor![(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var offset)
            ? (cursor[..colon], offset)
            : (null, 0);
    }

    /// <summary>Reads complete lines from <paramref name="start"/>; returns the offset after the last complete one.</summary>
    private async Task<(long End, int Malformed)> ReadFileAsync(string path, long start, List<UsageEvent> events, CancellationToken ct)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1, useAsync: true);
        // A file shorter than the cursor was replaced (log_truncate_on_rotation): read it from the start.
        var position = start <= stream.Length ? start : 0;
        stream.Seek(position, SeekOrigin.Begin);
        var committed = position;
        var malformed = 0;
        var buffer = new byte[64 * 1024];
        using var line = new MemoryStream();
        int read;
        while ((read = await stream.ReadAsync(buffer, ct)) > 0)
        {
            var from = 0;
            while (from < read)
            {
                var newline = Array.IndexOf(buffer, (byte)'\n', from, read - from);
                if (newline < 0)
                {
                    line.Write(buffer, from, read - from);
                    position += read - from;
                    break;
                }
                line.Write(buffer, from, newline - from);
                position += newline - from + 1;
                from = newline + 1;
                committed = position;
                if (!TryParse(line.GetBuffer().AsMemory(0, (int)line.Length), events))
                {
                    malformed++;
                }
                line.SetLength(0);
            }
        }
        return (committed, malformed);
    }

    /// <summary>False for a line that is not a JSON log line; true for one read (an event or nothing of interest).</summary>
    private bool TryParse(ReadOnlyMemory<byte> bytes, List<UsageEvent> events)
    {
        if (bytes.Span.Trim(" \t\r"u8).IsEmpty)
        {
            return true;
        }
        try
        {
            using var document = JsonDocument.Parse(bytes);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || Text(root, "message") is not { } message || Text(root, "timestamp") is not { } timestamp)
            {
                return false;
            }
            var outcome = message.StartsWith(Authorized, StringComparison.Ordinal) ? UsageOutcome.Succeeded
                : message.StartsWith(PasswordFailed, StringComparison.Ordinal) ? UsageOutcome.Refused
                : (UsageOutcome?)null;
            if (outcome is null)
            {
                return true;
            }
            if (!TryTime(timestamp, out var time))
            {
                return false;
            }
            var user = outcome == UsageOutcome.Refused
                ? QuotedUser().Match(message) is { Success: true } quoted ? quoted.Groups[1].Value : Text(root, "user")
                : Text(root, "user") ?? (AuthorizedFields().Match(message) is { Success: true } m ? m.Groups["user"].Value : null);
            if (user is null)
            {
                return false;
            }
            events.Add(new UsageEvent
            {
                Store = source,
                StoreReference = user,
                TimeUtc = time,
                SourceAddress = Text(root, "remote_host"),
                Target = Text(root, "dbname") ?? (AuthorizedFields().Match(message) is { Success: true } d ? d.Groups["database"].Value : null),
                Outcome = outcome.Value,
            });
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static string? Text(JsonElement root, string property) =>
        root.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>"2026-12-01 10:00:00.123 UTC", or a numeric zone ("+01", "+0530") where the server has no abbreviation.</summary>
    private static bool TryTime(string timestamp, out DateTime utc)
    {
        utc = default;
        var space = timestamp.LastIndexOf(' ');
        if (space < 0 || !DateTime.TryParseExact(timestamp[..space], ["yyyy-MM-dd HH:mm:ss.fff", "yyyy-MM-dd HH:mm:ss"], CultureInfo.InvariantCulture,
                DateTimeStyles.None, out var local))
        {
            return false;
        }
        var zone = timestamp[(space + 1)..];
        TimeSpan offset;
        if (zone is "UTC" or "GMT" or "Z" or "Etc/UTC")
        {
            offset = TimeSpan.Zero;
        }
        else if (NumericZone().Match(zone) is { Success: true } numeric)
        {
            offset = new TimeSpan(int.Parse(numeric.Groups["h"].Value, CultureInfo.InvariantCulture),
                numeric.Groups["m"].Success ? int.Parse(numeric.Groups["m"].Value, CultureInfo.InvariantCulture) : 0, 0);
            offset = numeric.Groups["sign"].Value == "-" ? -offset : offset;
        }
        else
        {
            return false;
        }
        utc = DateTime.SpecifyKind(local - offset, DateTimeKind.Utc);
        return true;
    }

    // The server quotes the name without escaping it, so the last quote ends it.
    [GeneratedRegex(@"for user ""(.*)""", RegexOptions.CultureInvariant | RegexOptions.Singleline)]
    private static partial Regex QuotedUser();

    [GeneratedRegex(@"user=(?<user>\S+) database=(?<database>\S+)", RegexOptions.CultureInvariant)]
    private static partial Regex AuthorizedFields();

    [GeneratedRegex(@"^(?<sign>[+-])(?<h>\d{2}):?(?<m>\d{2})?$", RegexOptions.CultureInvariant)]
    private static partial Regex NumericZone();
}
