using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace NhiPortal.Core.Reports;

/// <summary>
/// The SHA-256 printed on a report's cover: over every data sheet in order, as UTF-8 lines
/// "sheet name", then the tab-joined headers, then each row's tab-joined values (text as is with tab, CR and LF
/// escaped; whole numbers in invariant digits; dates as yyyy-MM-ddTHH:mm:ss; true/false; empty for none).
/// Anyone can recompute it from the workbook to show a copy is unchanged.
/// </summary>
public sealed class ReportChecksum : IDisposable
{
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private readonly StringBuilder _line = new(512);
    private readonly Encoder _encoder = new UTF8Encoding(false).GetEncoder();
    private byte[] _buffer = new byte[4096];

    public void Sheet(string name, IEnumerable<string> headers)
    {
        Line(name);
        Line(string.Join('\t', headers.Select(Escape)));
    }

    public void Row(IReadOnlyList<object?> values)
    {
        _line.Clear();
        for (var i = 0; i < values.Count; i++)
        {
            if (i > 0)
            {
                _line.Append('\t');
            }
            Append(_line, values[i]);
        }
        _line.Append('\n');
        Flush();
    }

    public string Finish() => Convert.ToHexStringLower(_hash.GetHashAndReset());

    public static string Canonical(object? value)
    {
        var text = new StringBuilder();
        Append(text, value);
        return text.ToString();
    }

    private static void Append(StringBuilder text, object? value)
    {
        switch (value)
        {
            case null:
                return;
            case string s:
                text.Append(Escape(s));
                return;
            case DateTime d:
                text.Append(CultureInfo.InvariantCulture, $"{Truncate(d):yyyy-MM-ddTHH:mm:ss}");
                return;
            case bool b:
                text.Append(b ? "true" : "false");
                return;
            case int or long:
                text.Append(CultureInfo.InvariantCulture, $"{value}");
                return;
            case double x:
                text.Append(CultureInfo.InvariantCulture, $"{x:0.###}");
                return;
            default:
                text.Append(Escape(Convert.ToString(value, CultureInfo.InvariantCulture) ?? ""));
                return;
        }
    }

    /// <summary>Dates are written to the second, so the workbook and the checksum agree.</summary>
    public static DateTime Truncate(DateTime value) => new(value.Ticks - value.Ticks % TimeSpan.TicksPerSecond, DateTimeKind.Utc);

    private static string Escape(string value) => value.AsSpan().IndexOfAny('\\', '\t', '\r') < 0 && !value.Contains('\n', StringComparison.Ordinal)
        ? value
        : value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\t", "\\t", StringComparison.Ordinal)
            .Replace("\r", "\\r", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);

    private void Line(string text)
    {
        _line.Clear().Append(text).Append('\n');
        Flush();
    }

    private void Flush()
    {
        var needed = Encoding.UTF8.GetMaxByteCount(_line.Length);
        if (_buffer.Length < needed)
        {
            _buffer = new byte[Math.Max(needed, _buffer.Length * 2)];
        }
        // An encoder keeps a surrogate pair split across two chunks together.
        var length = 0;
        foreach (var chunk in _line.GetChunks())
        {
            length += _encoder.GetBytes(chunk.Span, _buffer.AsSpan(length), flush: false);
        }
        length += _encoder.GetBytes(ReadOnlySpan<char>.Empty, _buffer.AsSpan(length), flush: true);
        _hash.AppendData(_buffer, 0, length);
    }

    public void Dispose() => _hash.Dispose();
}
