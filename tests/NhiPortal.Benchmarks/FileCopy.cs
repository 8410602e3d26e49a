using Microsoft.Data.Sqlite;

namespace NhiPortal.Benchmarks;

/// <summary>For benchmarks that write: they run on a copy of the given file beside it, deleted afterwards.</summary>
internal static class FileCopy
{
    public static async Task RunOnCopyAsync(string path, string purpose, Func<string, Task> run)
    {
        var copy = $"{Path.GetFullPath(path)}.{purpose}-copy.db";
        Console.WriteLine($"Copying {path} to {copy} (the {purpose} benchmark writes)");
        File.Copy(path, copy, overwrite: true);
        try
        {
            await run(copy);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            foreach (var file in new[] { copy, copy + "-wal", copy + "-shm" })
            {
                File.Delete(file);
            }
        }
    }
}
