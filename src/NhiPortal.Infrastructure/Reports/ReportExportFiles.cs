using NhiPortal.Core.Reports;

namespace NhiPortal.Infrastructure.Reports;

/// <summary>
/// Where prepared exports are kept: one file per export under <see cref="ReportOptions.ExportDirectory"/>, named by its
/// id only, readable by the portal's user alone (0600 in a 0700 directory). A file is written as "&lt;id&gt;.part" and
/// renamed when complete, so a half-written file is never offered.
/// </summary>
internal sealed class ReportExportFiles(ReportOptions options)
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    public string Directory => options.ExportDirectory;

    public string PathOf(ReportExport export) => Path.Combine(Directory, $"{export.Id:N}.{ReportCatalog.Slug(export.Format)}");

    public string PartPathOf(ReportExport export) => PathOf(export) + ".part";

    public FileStream CreatePart(ReportExport export)
    {
        if (OperatingSystem.IsWindows())
        {
            System.IO.Directory.CreateDirectory(Directory);
        }
        else
        {
            System.IO.Directory.CreateDirectory(Directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        var file = new FileStreamOptions
        {
            Mode = FileMode.Create, Access = FileAccess.ReadWrite, Share = FileShare.None, BufferSize = 1 << 16, Options = FileOptions.Asynchronous,
        };
        if (!OperatingSystem.IsWindows())
        {
            file.UnixCreateMode = OwnerOnly;
        }
        return new FileStream(PartPathOf(export), file);
    }

    public void Complete(ReportExport export) => File.Move(PartPathOf(export), PathOf(export), overwrite: true);

    public FileStream OpenRead(ReportExport export) =>
        new(PathOf(export), FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.Asynchronous | FileOptions.SequentialScan);

    public bool Exists(ReportExport export) => File.Exists(PathOf(export));

    /// <summary>Removes the file and any part of it; a file already gone is fine.</summary>
    public void Delete(ReportExport export)
    {
        File.Delete(PartPathOf(export));
        File.Delete(PathOf(export));
    }
}
