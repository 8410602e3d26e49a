namespace NhiPortal.Infrastructure.Import;

/// <summary>
/// What an uploaded workbook may unpack to. A 10 MB .xlsx can inflate a thousandfold, so the zip's own declarations
/// are checked before anything is parsed, and the real inflated bytes are counted while reading (declarations can lie).
/// </summary>
internal static class XlsxLimits
{
    public const long Megabyte = 1024 * 1024;

    /// <summary>Any one part (a sheet, the shared strings) unpacked; a full 100,000-row sheet is well below it.</summary>
    public const long MaxPartBytes = 100 * Megabyte;

    public const long MaxTotalBytes = 200 * Megabyte;

    /// <summary>Real sheets compress 5 to 30 times; a zip bomb compresses a thousandfold.</summary>
    public const int MaxCompressionRatio = 100;

    /// <summary>Small parts compress unpredictably and cannot hurt, so the ratio is checked only above this.</summary>
    public const long RatioCheckedFrom = Megabyte;

    public const int MaxEntries = 1_000;

    /// <summary>No real tag (element and attributes) is this long; a long one would be buffered whole by the XML parser.</summary>
    public const int MaxTagBytes = 64 * 1024;

    public const int MaxSharedStrings = 1_000_000;

    public const int MaxStyles = 65_000;
}
