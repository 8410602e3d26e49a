namespace NhiPortal.E2E.Tests;

/// <summary>
/// A portal of its own for the API: the tests revoke an automation client and start runs, which must not change the
/// inventory the browser tests look at. The automation clients' secret is fixed, and a client's standing is read
/// on every call, so a revocation takes effect at once.
/// </summary>
public sealed class ApiPortalHost : PortalHost
{
    public const string AutomationSecret = "e2e-automation-secret-not-for-production";

    protected override IReadOnlyDictionary<string, string> ExtraEnvironment { get; } = new Dictionary<string, string>
    {
        ["DevIdentityProvider__AutomationSecret"] = AutomationSecret,
        ["Authentication__Api__StandingCacheSeconds"] = "0",
        // A selection of more than 3 credentials waits for a second person (ApiApprovalTests).
        ["Approvals__BulkRevocationAbove"] = "3",
    };

    /// <summary>A count read straight from the portal's database file, to check what the API says against it.</summary>
    public async Task<long> CountAsync(string sql)
    {
        await using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={DatabasePath};Mode=ReadOnly");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)(await command.ExecuteScalarAsync())!;
    }
}

[CollectionDefinition(Name)]
public sealed class ApiPortalCollection : ICollectionFixture<ApiPortalHost>, ICollectionFixture<BrowserFixture>
{
    public const string Name = "api-portal";
}
