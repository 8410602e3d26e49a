using System.Data;
using Microsoft.EntityFrameworkCore;
using NhiPortal.Core.Audit;
using NhiPortal.Core.Credentials;
using NhiPortal.Core.Inventory;
using NhiPortal.Infrastructure.Data;

namespace NhiPortal.Infrastructure.Tests.Data;

/// <summary>
/// What the server bulk copies send, checked without a server against each provider's model: every column of every
/// table an entity maps to, in the provider's types. (COPY itself runs in the PostgreSQL pass: the loader and bulk
/// revocation tests read its rows back through EF Core.) SQL Server is not run here; this is its only check.
/// </summary>
public class BulkColumnsTests
{
    private static NhiPortalDbContext Context(DatabaseProvider provider) => new(DbContextOptionsFactory.Create(new DatabaseSettings(provider,
        provider == DatabaseProvider.SqlServer ? "Server=127.0.0.1;Database=never-opened;Integrated Security=false" : "Host=127.0.0.1;Database=never-opened", false)));

    [Theory]
    [InlineData(DatabaseProvider.SqlServer)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public void EveryColumnOfEveryMappedTable_IsCopied_ExceptTheGeneratedSequence(DatabaseProvider provider)
    {
        using var db = Context(provider);
        // The identity columns the database fills; every other column is copied (AuditChainLinks' long key is the portal's).
        var generated = new Dictionary<string, string> { ["AuditEvents"] = "Id", ["RevocationSteps"] = "Id" };
        foreach (var type in new[] { typeof(Credential), typeof(NonHumanIdentity), typeof(AuditEvent), typeof(AuditChainLink), typeof(Core.Revocation.RevocationStep) })
        {
            var entity = db.Model.FindEntityType(type)!;
            var tables = (IReadOnlyList<BulkColumns>)typeof(BulkColumns).GetMethod(nameof(BulkColumns.For))!.MakeGenericMethod(type).Invoke(null, [db])!;
            var expected = entity.GetTableMappings().Select(m => (m.Table.Name,
                m.Table.Columns.Where(c => generated.GetValueOrDefault(m.Table.Name) != c.Name).Select(c => c.Name).Order().ToArray())).ToArray();
            Assert.Equal(expected.Select(e => e.Name), tables.Select(t => t.Table));
            foreach (var (table, columns) in expected)
            {
                Assert.Equal(columns, tables.Single(t => t.Table == table).Columns.Select(c => c.Name).Order().ToArray());
            }
        }
        Assert.Contains("EventId", BulkColumns.For<AuditChainLink>(db)[0].Columns.Select(c => c.Name));
        // Credentials are split: the score lives in its own table, written with the credential's key.
        Assert.Equal(["Credentials", "CredentialScores"], BulkColumns.For<Credential>(db).Select(t => t.Table));
    }

    [Fact]
    public void SqlServerRows_CarryTheProvidersValues_EnumsAsText_TimesAsUtc_ListsAsJson_NullsAsDbNull()
    {
        using var db = Context(DatabaseProvider.SqlServer);
        var identity = SyntheticOrganisation.Generate(new SyntheticOrganisationSize(Staff: 2, Teams: 1, Identities: 1, Credentials: 1), TestDatabase.Now.UtcDateTime).Identities[0];
        identity.Entitlements = ["db:read", "db:\"write\""];
        identity.LastActivityUtc = null;

        using var table = SqlServerBulkCopy.Table(BulkColumns.For<NonHumanIdentity>(db)[0], [identity]);

        var row = table.Rows.Cast<DataRow>().Single();
        Assert.Equal(identity.Id, row["Id"]);
        Assert.Equal(identity.Kind.ToString(), row["Kind"]);
        Assert.Equal(DateTimeKind.Utc, ((DateTime)row["CreatedUtc"]).Kind);
        Assert.Equal(identity.CreatedUtc, row["CreatedUtc"]);
        Assert.Equal(identity.Entitlements, System.Text.Json.JsonSerializer.Deserialize<List<string>>((string)row["Entitlements"]));
        Assert.Equal(DBNull.Value, row["LastActivityUtc"]);
        Assert.False(table.Columns["Id"]!.AllowDBNull);
        Assert.True(table.Columns["LastActivityUtc"]!.AllowDBNull);
    }
}
