using Microsoft.Data.Sqlite;

namespace NhiPortal.Benchmarks.Pages;

/// <summary>Shapes a benchmark adds to a generated file by bare SQL, once (found again by name on later runs).</summary>
internal static class BenchmarkFixtures
{
    private const string ThousandName = "bench-identity-with-many-credentials";

    /// <summary>An identity copied from an owned one, holding <paramref name="count"/> active credentials copied from others.</summary>
    public static async Task<Guid> EnsureIdentityWithCredentialsAsync(string databasePath, int count)
    {
        await using var connection = new SqliteConnection($"Data Source={Path.GetFullPath(databasePath)}");
        await connection.OpenAsync();
        await using (var find = connection.CreateCommand())
        {
            find.CommandText = """SELECT "Id" FROM "Identities" WHERE "Name" = $name""";
            find.Parameters.AddWithValue("$name", ThousandName);
            if (await find.ExecuteScalarAsync() is string existing)
            {
                return Guid.Parse(existing);
            }
        }
        var id = Guid.NewGuid();
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync();
        await using (var identity = connection.CreateCommand())
        {
            identity.Transaction = transaction;
            identity.CommandText = """
                INSERT INTO "Identities" ("Id", "CreatedUtc", "DiscoveredBy", "DiscoveredUtc", "Entitlements", "Environment", "ExternalId", "GoneFromSourceUtc",
                    "HygieneScore", "IsBreakGlass", "IsShared", "IsVendorManaged", "Kind", "LastActivityUtc", "LastAttestedUtc", "LifecycleState", "Name", "OwnerHint",
                    "OwnerId", "PrivilegeLevel", "ProposedOwnerId", "Purpose", "SourceSystem", "StateFromSource", "TeamId", "Version")
                SELECT $id, "CreatedUtc", NULL, NULL, "Entitlements", "Environment", NULL, NULL, "HygieneScore", 0, 0, 0, "Kind", "LastActivityUtc", "LastAttestedUtc",
                    'Active', $name, NULL, "OwnerId", "PrivilegeLevel", NULL, 'Benchmark: an identity holding many credentials', "SourceSystem", 0, "TeamId", 0
                FROM "Identities" WHERE "OwnerId" IS NOT NULL AND "LifecycleState" = 'Active' LIMIT 1
                """;
            identity.Parameters.AddWithValue("$id", id.ToString("D").ToUpperInvariant());
            identity.Parameters.AddWithValue("$name", ThousandName);
            await identity.ExecuteNonQueryAsync();
        }
        await using (var credentials = connection.CreateCommand())
        {
            credentials.Transaction = transaction;
            credentials.CommandText = """
                INSERT INTO "Credentials" ("Id", "ExternalId", "Name", "Kind", "IdentityId", "Purpose", "Store", "StoreReference", "Fingerprint", "IssuedUtc",
                    "ExpiresUtc", "LastRotatedUtc", "LastUsedUtc", "IsDynamic", "TimeToLive", "State", "StateChangedUtc", "PredecessorId", "HygieneScore", "Version")
                SELECT upper(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-' || hex(randomblob(2)) || '-' || hex(randomblob(2)) || '-' || hex(randomblob(6))),
                    NULL, $name || '-' || printf('%04d', rowid % 10000) || '-' || rowid, "Kind", $id, "Purpose", "Store", "StoreReference" || '-bench-' || rowid,
                    lower(hex(randomblob(32))), "IssuedUtc", "ExpiresUtc", "LastRotatedUtc", "LastUsedUtc", 0, NULL, 'Active', NULL, NULL, "HygieneScore", 0
                FROM "Credentials" WHERE "State" = 'Active' AND "IsDynamic" = 0 AND ("ExpiresUtc" IS NULL OR "ExpiresUtc" > datetime('now', '+30 days')) LIMIT $count
                """;
            credentials.Parameters.AddWithValue("$id", id.ToString("D").ToUpperInvariant());
            credentials.Parameters.AddWithValue("$name", ThousandName);
            credentials.Parameters.AddWithValue("$count", count);
            await credentials.ExecuteNonQueryAsync();
        }
        await transaction.CommitAsync();
        return id;
    }
}
