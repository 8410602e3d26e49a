using NhiPortal.Infrastructure.Import;

namespace NhiPortal.Web.Features.Import;

/// <summary>The reader's limits, as the upload control and the page text show them.</summary>
public static class ImportLimits
{
    public const long MaxBytes = ImportFileReader.MaxBytes;
    public const int MaxRows = ImportFileReader.MaxRows;
    public const long MaxMegabytes = MaxBytes / 1024 / 1024;
}
