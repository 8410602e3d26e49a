namespace NhiPortal.Infrastructure.Connectors;

/// <summary>
/// A rotated secret handed over as a file readable by its owner only (a mounted secret volume, an agent's sink).
/// Written to a temporary name and moved into place, so a reader never sees half a secret; the previous content is
/// kept until the rotation succeeds, so a failed rotation can put it back.
/// </summary>
internal sealed class SecretFile
{
    private readonly byte[]? _previous;

    private SecretFile(string path, byte[]? previous)
    {
        Path = path;
        _previous = previous;
    }

    public string Path { get; }

    public static async Task<SecretFile> WriteAsync(string directory, string name, string secret, CancellationToken ct)
    {
        Directory.CreateDirectory(directory);
        var safe = string.Concat(name.Select(ch => char.IsAsciiLetterOrDigit(ch) || ch is '-' or '_' or '.' ? ch : '_'));
        var path = System.IO.Path.Combine(directory, safe);
        var previous = File.Exists(path) ? await File.ReadAllBytesAsync(path, ct) : null;
        var temporary = path + $".{Guid.NewGuid():N}.tmp";
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }
        await using (var file = new FileStream(temporary, options))
        await using (var writer = new StreamWriter(file))
        {
            await writer.WriteAsync(secret.AsMemory(), ct);
        }
        File.Move(temporary, path, overwrite: true);
        return new SecretFile(path, previous);
    }

    public async Task UndoAsync()
    {
        if (_previous is null)
        {
            File.Delete(Path);
        }
        else
        {
            await File.WriteAllBytesAsync(Path, _previous);
        }
    }
}
