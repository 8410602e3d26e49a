using NhiPortal.Infrastructure.Connectors;

namespace NhiPortal.Infrastructure.Tests.Revocation;

/// <summary>Rotated secrets handed over as files: one file per exact reference, and no secret left in a stray temporary file.</summary>
public sealed class SecretFileTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("nhiportal-secretfile-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Theory]
    [InlineData("a/b", "a_b")]
    [InlineData("svc billing", "svc_billing")]
    [InlineData("..", "__")]
    [InlineData("Svc.Ä", "Svc._")]
    public async Task References_ThatSanitiseAlike_GetFilesOfTheirOwn(string first, string second)
    {
        var a = await SecretFile.WriteAsync(_directory, first, "secret-of-the-first", default);
        var b = await SecretFile.WriteAsync(_directory, second, "secret-of-the-second", default);

        Assert.NotEqual(a.Path, b.Path);
        Assert.True(await File.ReadAllTextAsync(a.Path) == "secret-of-the-first", "the first reference's file holds another secret");
        Assert.True(await File.ReadAllTextAsync(b.Path) == "secret-of-the-second", "the second reference's file holds another secret");
        Assert.All(new[] { a.Path, b.Path }, p => Assert.Equal(_directory, Path.GetDirectoryName(p)));
    }

    [Theory]
    [InlineData("svc_billing")]
    [InlineData("reporting-db.reader")]
    public async Task APlainReference_KeepsItsNameAsTheFileName(string reference)
    {
        var file = await SecretFile.WriteAsync(_directory, reference, "s3cret", default);

        Assert.Equal(Path.Combine(_directory, reference), file.Path);
    }

    [Theory]
    [InlineData(".")]
    [InlineData("..")]
    [InlineData("")]
    [InlineData("../../etc/passwd")]
    public async Task AReferenceThatIsAPath_StaysInsideTheDirectory(string reference)
    {
        var file = await SecretFile.WriteAsync(_directory, reference, "s3cret", default);

        Assert.Equal(_directory, Path.GetDirectoryName(file.Path));
        Assert.True(File.Exists(file.Path));
    }

    [Fact]
    public async Task AFailedMove_LeavesNoTemporaryFileBehind()
    {
        // A directory where the file should go: the move into place fails.
        Directory.CreateDirectory(Path.Combine(_directory, "svc_blocked"));

        await Assert.ThrowsAnyAsync<Exception>(() => SecretFile.WriteAsync(_directory, "svc_blocked", "s3cret", default));

        Assert.Empty(Directory.GetFiles(_directory));
    }

    [Fact]
    public async Task ACancelledWrite_LeavesNoTemporaryFileBehind()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => SecretFile.WriteAsync(_directory, "svc_cancelled", "s3cret", cancelled.Token));

        Assert.Empty(Directory.GetFiles(_directory));
    }

    [Fact]
    public async Task Undo_PutsThePreviousSecretBack()
    {
        var first = await SecretFile.WriteAsync(_directory, "svc_undo", "previous-secret", default);
        var second = await SecretFile.WriteAsync(_directory, "svc_undo", "new-secret", default);

        await second.UndoAsync();

        Assert.Equal(first.Path, second.Path);
        Assert.True(await File.ReadAllTextAsync(first.Path) == "previous-secret", "undo did not restore the previous secret");
    }
}
