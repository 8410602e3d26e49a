using Microsoft.EntityFrameworkCore;
using NhiPortal.Core.Access;
using NhiPortal.Infrastructure.Reviews;

namespace NhiPortal.Infrastructure.Tests.Reviews;

/// <summary>A seeded demo organisation with the portal's services over it, for tests that run campaigns.</summary>
internal sealed record ReviewHarness(TestDatabase Database, TestPortal Portal) : IAsyncDisposable
{
    public static async Task<ReviewHarness> CreateAsync()
    {
        var database = await TestDatabase.CreateMigratedAsync();
        await database.SeedDemoAsync();
        return new ReviewHarness(database, new TestPortal(database));
    }

    public ReviewActor As(string subject, PortalRole role) => new(Portal, FixedCurrentUser.Person(subject, role));

    public ReviewClock Clock => Portal.Get<ReviewClock>();

    public async Task<Guid> StaffIdAsync(string subject)
    {
        await using var db = Database.CreateDbContext();
        return await db.StaffMembers.Where(s => s.Subject == subject).Select(s => s.Id).SingleAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await Portal.DisposeAsync();
        await Database.DisposeAsync();
    }
}
