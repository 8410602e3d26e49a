using System.Text;
using Microsoft.Extensions.Caching.Memory;
using NhiPortal.Core.Access;
using NhiPortal.Core.Common;
using NhiPortal.Core.Import;
using NhiPortal.Infrastructure.Import;

namespace NhiPortal.Infrastructure.Tests.Import;

/// <summary>Uploads come over the circuit, so the service itself limits how many files a person validates.</summary>
public class ImportRateLimitTests
{
    private const string NothingToWrite = "Subject,DisplayName,Email\ns-x,,not-an-email\n";

    [Fact]
    public async Task APerson_ValidatingTooManyFiles_IsToldToWait_OthersAreNot_AndTheWindowMovesOn()
    {
        await using var database = await TestDatabase.CreateMigratedAsync();
        using var cache = new MemoryCache(new MemoryCacheOptions());
        ImportService As(string subject) => TestPortal.For(database).Create<ImportService>(FixedCurrentUser.As(subject, [PortalRole.SecurityOperator]), cache);
        Task<ImportPreview> PreviewAsync(string subject) =>
            As(subject).PreviewAsync(ImportKind.Staff, "staff.csv", new MemoryStream(Encoding.UTF8.GetBytes(NothingToWrite)));

        for (var i = 0; i < ImportRateLimit.PerWindow; i++)
        {
            await PreviewAsync("bo");
            database.Clock.Advance(TimeSpan.FromSeconds(1));
        }

        var refused = await Assert.ThrowsAsync<ValidationException>(() => PreviewAsync("bo"));
        Assert.Contains("try again in", refused.Message, StringComparison.Ordinal);
        await PreviewAsync("ada");
        database.Clock.Advance(ImportRateLimit.Window);
        await PreviewAsync("bo");
    }
}
