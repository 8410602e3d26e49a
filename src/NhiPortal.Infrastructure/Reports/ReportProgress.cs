namespace NhiPortal.Infrastructure.Reports;

/// <summary>Counts the data rows a writer has written and reports the count every <paramref name="every"/> rows (an export job stores it).</summary>
internal sealed class ReportProgress(long every, Func<long, CancellationToken, Task> report)
{
    public static readonly ReportProgress None = new(long.MaxValue, (_, _) => Task.CompletedTask);

    public long Rows { get; private set; }

    public ValueTask RowAsync(CancellationToken ct)
    {
        Rows++;
        return Rows % every == 0 ? new ValueTask(report(Rows, ct)) : ValueTask.CompletedTask;
    }
}
