using System.Text;
using Microsoft.Extensions.Caching.Memory;
using NhiPortal.Core.Access;
using NhiPortal.Core.Common;
using NhiPortal.Core.Import;
using NhiPortal.Infrastructure.Import;

namespace NhiPortal.Infrastructure.Tests.Import;

public class ImportPreviewCacheTests
{
    // Only an invalid row: applying it writes nothing, so every kept preview can be applied in any order.
    private const string NothingToWrite = "Subject,DisplayName,Email\ns-x,,not-an-email\n";

    private static ImportService Service(TestDatabase database, IMemoryCache cache, string subject) =>
        TestPortal.For(database).Create<ImportService>(FixedCurrentUser.As(subject, [PortalRole.SecurityOperator]), cache);

    private static async Task<Guid> PreviewAsync(ImportService service) =>
        (await service.PreviewAsync(ImportKind.Staff, "staff.csv", new MemoryStream(Encoding.UTF8.GetBytes(NothingToWrite)))).Id;

    [Fact]
    public async Task Preview_BeyondThePerPersonLimit_EvictsThatPersonsOldest_AndLeavesOthersAlone()
    {
        await using var database = await TestDatabase.CreateMigratedAsync();
        using var cache = new MemoryCache(new MemoryCacheOptions());
        var bo = Service(database, cache, "bo");
        var ada = Service(database, cache, "ada");
        var bos = new List<Guid> { await PreviewAsync(bo), await PreviewAsync(bo) };
        var adas = new List<Guid>();
        for (var i = 0; i <= ImportPreviewCache.MaxPerPerson; i++)
        {
            adas.Add(await PreviewAsync(ada));
        }

        await Assert.ThrowsAsync<NotFoundException>(() => ada.ApplyAsync(adas[0]));
        foreach (var kept in adas.Skip(1))
        {
            Assert.Equal(1, (await ada.ApplyAsync(kept)).RowsWithErrors);
        }
        foreach (var other in bos)
        {
            Assert.Equal(1, (await bo.ApplyAsync(other)).RowsWithErrors);
        }
    }

    [Fact]
    public async Task Preview_BeyondTheOverallRowBudget_EvictsTheOldestPreviewsFirst()
    {
        await using var database = await TestDatabase.CreateMigratedAsync();
        using var cache = new MemoryCache(new MemoryCacheOptions());
        // Each preview holds one row: a budget of three rows keeps the newest three.
        ImportPreviewCache.For(cache).MaxRowsHeld = 3;
        var people = Enumerable.Range(0, 4).Select(i => Service(database, cache, $"op-{i}")).ToList();
        var ids = new List<Guid>();
        foreach (var person in people)
        {
            ids.Add(await PreviewAsync(person));
        }

        await Assert.ThrowsAsync<NotFoundException>(() => people[0].ApplyAsync(ids[0]));
        Assert.Equal(1, (await people[1].ApplyAsync(ids[1])).RowsWithErrors);
        Assert.Equal(1, (await people[^1].ApplyAsync(ids[^1])).RowsWithErrors);
    }
}
