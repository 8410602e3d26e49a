using System.Runtime.CompilerServices;
using System.Threading.Channels;

namespace NhiPortal.Infrastructure.Reports;

/// <summary>
/// Reads and normalises a data sheet's rows on another thread, a few batches ahead of the writer: reading and
/// explaining a row and writing it as compressed XML then run on two cores instead of one after the other. Memory stays
/// bounded by <see cref="Batches"/> × <see cref="BatchRows"/> rows.
/// </summary>
internal static class RowPrefetch
{
    private const int BatchRows = 512;
    private const int Batches = 8;

    public static async IAsyncEnumerable<object?[]> AheadAsync(IAsyncEnumerable<object?[]> rows, [EnumeratorCancellation] CancellationToken ct)
    {
        var channel = Channel.CreateBounded<object?[][]>(new BoundedChannelOptions(Batches) { SingleReader = true, SingleWriter = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var producer = Task.Run(() => ProduceAsync(rows, channel.Writer, stop.Token), CancellationToken.None);
        try
        {
            await foreach (var batch in channel.Reader.ReadAllAsync(ct))
            {
                foreach (var row in batch)
                {
                    yield return row;
                }
            }
        }
        finally
        {
            // The writer stopped early (a failure, or its caller cancelled): stop reading too, and let the reader's connection go.
            await stop.CancelAsync();
            await producer;
        }
    }

    private static async Task ProduceAsync(IAsyncEnumerable<object?[]> rows, ChannelWriter<object?[][]> writer, CancellationToken ct)
    {
        try
        {
            var batch = new List<object?[]>(BatchRows);
            await foreach (var row in rows.WithCancellation(ct))
            {
                ReportValues.Normalise(row);
                batch.Add(row);
                if (batch.Count == BatchRows)
                {
                    await writer.WriteAsync([.. batch], ct);
                    batch.Clear();
                }
            }
            if (batch.Count > 0)
            {
                await writer.WriteAsync([.. batch], ct);
            }
            writer.Complete();
        }
        catch (Exception ex)
        {
            // The writer sees the reader's own error (or the cancellation) where it reads the next row.
            writer.TryComplete(ex);
        }
    }
}
