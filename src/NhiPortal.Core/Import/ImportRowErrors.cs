namespace NhiPortal.Core.Import;

/// <summary>The problems found in one row, each with its row number and column.</summary>
internal sealed class ImportRowErrors(int rowNumber)
{
    public List<ImportError> Errors { get; } = [];

    public bool None => Errors.Count == 0;

    public void Add(string column, string reason) => Errors.Add(new ImportError(rowNumber, column, reason));
}
