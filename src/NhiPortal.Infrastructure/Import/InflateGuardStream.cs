using NhiPortal.Core.Import;

namespace NhiPortal.Infrastructure.Import;

/// <summary>
/// Wraps a zip entry as it inflates: refuses it once it passes its declared size (or the part limit), and refuses any
/// tag longer than <see cref="XlsxLimits.MaxTagBytes"/>, because the XML parser buffers a whole tag in memory.
/// </summary>
internal sealed class InflateGuardStream(Stream inner, string partName, long declared) : Stream
{
    private readonly long limit = Math.Min(declared, XlsxLimits.MaxPartBytes);
    private long total;
    private long tagLength = -1;

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => total; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var read = inner.Read(buffer);
        total += read;
        if (total > limit)
        {
            throw new ImportFileException(total > declared
                ? $"The workbook is refused: its part '{partName}' unpacks to more than the {declared:N0} bytes it declares."
                : $"The workbook is refused: its part '{partName}' unpacks to more than {XlsxLimits.MaxPartBytes / XlsxLimits.Megabyte} MB; the limit is {XlsxLimits.MaxPartBytes / XlsxLimits.Megabyte} MB.");
        }
        foreach (var b in buffer[..read])
        {
            if (b == (byte)'<')
            {
                tagLength = 0;
            }
            else if (b == (byte)'>')
            {
                tagLength = -1;
            }
            else if (tagLength >= 0 && ++tagLength > XlsxLimits.MaxTagBytes)
            {
                throw new ImportFileException($"The workbook is refused: its part '{partName}' holds a tag longer than {XlsxLimits.MaxTagBytes / 1024} KB.");
            }
        }
        return read;
    }

    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }
        base.Dispose(disposing);
    }
}
