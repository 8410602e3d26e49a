namespace NhiPortal.Core.Reports;

/// <summary>A ready export's file, opened for the caller to stream; disposing it closes the file.</summary>
public sealed record ReportDownload(Stream Content, string FileName, string ContentType, string DataSha256) : IAsyncDisposable
{
    public ValueTask DisposeAsync() => Content.DisposeAsync();
}
