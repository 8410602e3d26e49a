using System.Security.Cryptography;
using System.Text;

namespace NhiPortal.Infrastructure.Connectors;

/// <summary>
/// A rotated secret handed over as a file readable by its owner only (a mounted secret volume, an agent's sink).
/// Written to a temporary name and moved into place, so a reader never sees half a secret; the previous content is
/// kept until the rotation succeeds, so a failed rotation can put it back. No failure leaves the temporary file (and
/// the secret in it) behind.
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

    /// <summary>
    /// The file name for a reference, one per exact reference: a plain name (letters, digits, '-', '_', '.', not
    /// starting with '.') is kept as it is, so workloads find <c>svc_billing</c> where they always did; any other is
    /// sanitised and gets '~' plus a hash of the exact reference. A plain name never contains '~', so the two kinds
    /// cannot collide, and "a/b" and "a_b" no longer share a file.
    /// </summary>
    public static string FileNameFor(string reference)
    {
        static bool Plain(char ch) => char.IsAsciiLetterOrDigit(ch) || ch is '-' or '_' or '.';
        if (reference.Length is > 0 and <= 200 && reference[0] != '.' && reference.All(Plain))
        {
            return reference;
        }
        var safe = string.Concat(reference.Take(100).Select(ch => Plain(ch) ? ch : '_')).TrimStart('.');
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(reference)))[..16];
        return $"{safe}~{hash}";
    }

    public static async Task<SecretFile> WriteAsync(string directory, string name, string secret, CancellationToken ct)
    {
        Directory.CreateDirectory(directory);
        var path = System.IO.Path.Combine(directory, FileNameFor(name));
        var previous = File.Exists(path) ? await File.ReadAllBytesAsync(path, ct) : null;
        var temporary = path + $".{Guid.NewGuid():N}.tmp";
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }
        try
        {
            await using (var file = new FileStream(temporary, options))
            await using (var writer = new StreamWriter(file))
            {
                await writer.WriteAsync(secret.AsMemory(), ct);
            }
            File.Move(temporary, path, overwrite: true);
        }
        catch
        {
            // Cancelled, disk full, or the move refused: the secret must not stay on disk under a name nobody watches.
            try
            {
                File.Delete(temporary);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // The original failure is the one to report.
            }
            throw;
        }
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
