namespace NhiPortal.Core.Import;

public sealed record ImportPreview(Guid Id, ImportPlan Plan);

public sealed record ImportResult(int Created, int Updated, int Unchanged, int RowsWithErrors, IReadOnlyList<string> NewTeams, string CorrelationId);

public enum TemplateFormat
{
    Csv,
    Xlsx,
}

public sealed record ImportTemplate(string FileName, string ContentType, byte[] Content);

/// <summary>
/// Discovery from files: validate a whole file and show what it would do (nothing written), then, once the user
/// confirms, apply every valid row in one transaction.
/// </summary>
public interface IImportService
{
    Task<ImportPreview> PreviewAsync(ImportKind kind, string fileName, Stream content, CancellationToken ct = default);

    Task<ImportResult> ApplyAsync(Guid previewId, CancellationToken ct = default);

    /// <summary>An empty template (SecurityOperators, Administrators: those who may import).</summary>
    Task<ImportTemplate> TemplateAsync(ImportKind kind, TemplateFormat format, CancellationToken ct = default);
}
