using NhiPortal.Core.Credentials;
using NhiPortal.Core.Import;
using NhiPortal.Core.Inventory;

namespace NhiPortal.Core.Tests.Import;

public class ImportPlannerTests
{
    private static readonly Guid Ada = Guid.NewGuid();

    private static readonly string[] IdentityHeaders = ["ExternalId", "Name", "Kind", "Purpose", "Environment", "SourceSystem", "OwnerEmail", "Team", "LastActivityUtc"];

    private static ImportContext Context(params ExistingIdentity[] identities) => new()
    {
        StaffIdByEmail = new Dictionary<string, Guid>(StringComparer.OrdinalIgnoreCase) { ["ada@example.org"] = Ada },
        IdentitiesByExternalId = identities.ToDictionary(i => i.ExternalId!, StringComparer.Ordinal),
        IdentitiesByName = identities.ToDictionary(i => i.Name, StringComparer.OrdinalIgnoreCase),
        TeamNames = new HashSet<string>(["Payments"], StringComparer.OrdinalIgnoreCase),
    };

    private static ImportTable Table(string[] headers, params string[][] rows) => new("test.csv", headers,
        rows.Select((cells, i) => new ImportRow(i + 2, headers.Zip(cells).ToDictionary(p => p.First, p => p.Second, StringComparer.OrdinalIgnoreCase))).ToList());

    private static string[] Identity(string externalId = "ext-1", string name = "svc-one", string owner = "ada@example.org",
        string lastActivity = "2026-11-20T08:00:00Z", string kind = "ServiceAccount", string team = "Payments") =>
        [externalId, name, kind, "Runs the ledger", "Production", "aws-iam", owner, team, lastActivity];

    [Fact]
    public void Plan_ValidNewRow_IsCreatedWithItsOwner()
    {
        var plan = ImportPlanner.Plan(Table(IdentityHeaders, Identity()), ImportKind.Identities, Context());

        Assert.Empty(plan.Errors);
        var draft = Assert.Single(plan.Identities);
        Assert.Equal((ImportAction.Create, Ada, IdentityKind.ServiceAccount), (draft.Action, draft.OwnerId!.Value, draft.Kind));
        Assert.Equal(new DateTime(2026, 11, 20, 8, 0, 0, DateTimeKind.Utc), draft.LastActivityUtc);
        Assert.Empty(plan.NewTeams);
    }

    [Fact]
    public void Plan_MissingRequiredColumn_RejectsTheFileAndPlansNothing()
    {
        var plan = ImportPlanner.Plan(Table(["ExternalId", "Name"], ["e", "n"]), ImportKind.Identities, Context());

        Assert.True(plan.FileRejected);
        Assert.Contains(plan.Errors, e => e.RowNumber == 0 && e.Column == "Kind");
        Assert.Empty(plan.Identities);
    }

    [Fact]
    public void Plan_ColumnNamedLikeASecret_RejectsTheFile()
    {
        var headers = IdentityHeaders.Append("Password").ToArray();

        var plan = ImportPlanner.Plan(Table(headers, Identity().Append("hunter2").ToArray()), ImportKind.Identities, Context());

        Assert.True(plan.FileRejected);
        Assert.Contains(plan.Errors, e => e.Column == "Password" && e.Reason.Contains("secret", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("AKIA" + "IOSFODNN7EXAMPLE")] // split so secret scanners do not flag the test itself
    [InlineData("ghp_abcdefghijklmnopqrstuvwxyz0123456789")]
    [InlineData("eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.signature")]
    [InlineData("-----BEGIN RSA " + "PRIVATE KEY----- MIIEpAIBAAKCAQEA")]
    public void Plan_CellThatLooksLikeASecret_IsARowError(string secret)
    {
        var row = Identity();
        row[3] = $"Runs with {secret}";

        var plan = ImportPlanner.Plan(Table(IdentityHeaders, row), ImportKind.Identities, Context());

        var error = Assert.Single(plan.Errors);
        Assert.Equal((2, "Purpose"), (error.RowNumber, error.Column));
        Assert.Empty(plan.Identities);
    }

    [Fact]
    public void Plan_UnknownOwnerBadDateAndBadKind_AreEachReportedWithRowAndColumn()
    {
        var plan = ImportPlanner.Plan(Table(IdentityHeaders,
            Identity(owner: "nobody@example.org"),
            Identity("ext-2", "svc-two", lastActivity: "20/11/2026"),
            Identity("ext-3", "svc-three", kind: "Robot")), ImportKind.Identities, Context());

        Assert.Contains(plan.Errors, e => e is { RowNumber: 2, Column: "OwnerEmail" } && e.Reason.Contains("Unknown owner", StringComparison.Ordinal));
        Assert.Contains(plan.Errors, e => e is { RowNumber: 3, Column: "LastActivityUtc" });
        Assert.Contains(plan.Errors, e => e is { RowNumber: 4, Column: "Kind" } && e.Reason.Contains("ServiceAccount", StringComparison.Ordinal));
        Assert.Empty(plan.Identities);
        Assert.Equal(3, plan.RowsWithErrors);
        Assert.False(plan.FileRejected);
    }

    [Fact]
    public void Plan_DuplicateNameOrExternalIdInTheFile_ReportsTheSecondRow()
    {
        var plan = ImportPlanner.Plan(Table(IdentityHeaders,
            Identity("ext-1", "svc-one"), Identity("ext-2", "SVC-ONE"), Identity("ext-1", "svc-three")), ImportKind.Identities, Context());

        Assert.Contains(plan.Errors, e => e is { RowNumber: 3, Column: "Name" } && e.Reason.Contains("row 2", StringComparison.Ordinal));
        Assert.Contains(plan.Errors, e => e is { RowNumber: 4, Column: "ExternalId" } && e.Reason.Contains("row 2", StringComparison.Ordinal));
        Assert.Equal("ext-1", Assert.Single(plan.Identities).ExternalId);
    }

    [Fact]
    public void Plan_FormulaCellsAndFormulaCharacters_AreRefused()
    {
        var row = Identity();
        row[3] = "=HYPERLINK(\"http://evil\")";
        var table = Table(IdentityHeaders, row, Identity("ext-2", "svc-two"));
        var xlsxRow = table.Rows[1] with { FormulaCells = new HashSet<string>(["Team"]) };

        var plan = ImportPlanner.Plan(table with { Rows = [table.Rows[0], xlsxRow] }, ImportKind.Identities, Context());

        Assert.Contains(plan.Errors, e => e is { RowNumber: 2, Column: "Purpose" });
        Assert.Contains(plan.Errors, e => e is { RowNumber: 3, Column: "Team" } && e.Reason.Contains("formula", StringComparison.Ordinal));
    }

    [Fact]
    public void Plan_SameRowAsTheDatabase_IsUnchanged_AndAChangedOneIsAnUpdate()
    {
        var existing = new ExistingIdentity(Guid.NewGuid(), "ext-1", "svc-one", IdentityKind.ServiceAccount, "Runs the ledger",
            DeploymentEnvironment.Production, "aws-iam", Ada, "Payments", PrivilegeLevel.Low, [], false, false, false,
            new DateTime(2026, 11, 20, 8, 0, 0, DateTimeKind.Utc));

        var same = ImportPlanner.Plan(Table(IdentityHeaders, Identity()), ImportKind.Identities, Context(existing));
        var moved = ImportPlanner.Plan(Table(IdentityHeaders, Identity(team: "Data")), ImportKind.Identities, Context(existing));

        Assert.Equal(ImportAction.Unchanged, Assert.Single(same.Identities).Action);
        Assert.Equal((0, 0, 1), (same.ToCreate, same.ToUpdate, same.Unchanged));
        var update = Assert.Single(moved.Identities);
        Assert.Equal((ImportAction.Update, existing.Id), (update.Action, update.ExistingId!.Value));
        Assert.Equal(["Data"], moved.NewTeams);
    }

    [Fact]
    public void Plan_NameTakenByAnotherIdentity_IsAnError()
    {
        var other = new ExistingIdentity(Guid.NewGuid(), "ext-other", "svc-one", IdentityKind.Bot, "x", DeploymentEnvironment.Staging, "s",
            null, null, PrivilegeLevel.Low, [], false, false, false, null);

        var plan = ImportPlanner.Plan(Table(IdentityHeaders, Identity()), ImportKind.Identities, Context(other));

        Assert.Contains(plan.Errors, e => e.Column == "Name" && e.Reason.Contains("ext-other", StringComparison.Ordinal));
    }

    [Fact]
    public void Plan_CredentialWithValueInsteadOfFingerprint_OrUnknownIdentity_IsRefused()
    {
        string[] headers = ["ExternalId", "Name", "Kind", "IdentityExternalId", "Purpose", "Store", "StoreReference", "Fingerprint", "IssuedUtc", "ExpiresUtc"];
        var table = Table(headers,
            ["c-1", "db", "Password", "", "login", "vault", "kv/db", "correct horse battery staple", "2026-01-01", ""],
            ["c-2", "db2", "Password", "ext-missing", "login", "vault", "kv/db2", new string('a', 64), "2026-01-01", ""],
            ["c-3", "db3", "Password", "", "login", "vault", "kv/db3", new string('b', 64), "2026-01-01", "2025-01-01"],
            ["c-4", "shadow", "ApiKey", "", "found", "github", "org/secret", new string('c', 64), "2026-01-01", ""]);

        var plan = ImportPlanner.Plan(table, ImportKind.Credentials, Context());

        Assert.Contains(plan.Errors, e => e is { RowNumber: 2, Column: "Fingerprint" } && e.Reason.Contains("never the value", StringComparison.Ordinal));
        Assert.Contains(plan.Errors, e => e is { RowNumber: 3, Column: "IdentityExternalId" });
        Assert.Contains(plan.Errors, e => e is { RowNumber: 4, Column: "ExpiresUtc" });
        var shadow = Assert.Single(plan.Credentials);
        Assert.Null(shadow.IdentityId);
    }

    [Fact]
    public void Plan_NewCredentialOnADisabledOrDecommissionedIdentity_IsRefusedRowByRow_ButItsOwnCredentialStillUpdates()
    {
        ExistingIdentity Existing(string externalId, IdentityLifecycleState state) => new(Guid.NewGuid(), externalId, "svc-" + externalId, IdentityKind.ServiceAccount, "x",
            DeploymentEnvironment.Production, "s", Ada, null, PrivilegeLevel.Low, [], false, false, false, null, state);
        var (active, disabled, decommissioned) = (Existing("act", IdentityLifecycleState.Active), Existing("dis", IdentityLifecycleState.Disabled),
            Existing("dec", IdentityLifecycleState.Decommissioned));
        var held = new ExistingCredential(Guid.NewGuid(), "c-held", "held", CredentialKind.Password, disabled.Id, "login", "vault", "kv/held",
            Fingerprint.OfSecret("held"), new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc), null, null, null, false, null);
        var context = Context(active, disabled, decommissioned) with
        {
            CredentialsByExternalId = new Dictionary<string, ExistingCredential>(StringComparer.Ordinal) { ["c-held"] = held },
        };
        string[] headers = ["ExternalId", "Name", "Kind", "IdentityExternalId", "Purpose", "Store", "StoreReference", "Fingerprint", "IssuedUtc"];
        var table = Table(headers,
            ["c-1", "k1", "Password", "act", "login", "vault", "kv/1", new string('a', 64), "2026-01-01"],
            ["c-2", "k2", "Password", "dis", "login", "vault", "kv/2", new string('b', 64), "2026-01-01"],
            ["c-3", "k3", "Password", "dec", "login", "vault", "kv/3", new string('c', 64), "2026-01-01"],
            ["c-held", "held", "Password", "dis", "login", "vault", "kv/held", new string('d', 64), "2026-01-01"]);

        var plan = ImportPlanner.Plan(table, ImportKind.Credentials, context);

        Assert.Contains(plan.Errors, e => e is { RowNumber: 3, Column: "IdentityExternalId" } && e.Reason.Contains("disabled", StringComparison.Ordinal));
        Assert.Contains(plan.Errors, e => e is { RowNumber: 4, Column: "IdentityExternalId" } && e.Reason.Contains("decommissioned", StringComparison.Ordinal));
        Assert.Equal(2, plan.Errors.Count);
        Assert.Equal([("c-1", ImportAction.Create), ("c-held", ImportAction.Update)], plan.Credentials.Select(c => (c.ExternalId, c.Action)));
    }

    [Fact]
    public void Plan_CredentialFingerprintShapedLikeAKey_IsRefused_AndAPrefixedDigestIsAccepted()
    {
        string[] headers = ["ExternalId", "Name", "Kind", "Purpose", "Store", "StoreReference", "Fingerprint", "IssuedUtc"];
        var table = Table(headers,
            ["c-1", "k1", "ApiKey", "partner", "vault", "kv/k1", "a94a8fe5ccb19ba61c4c0873d391e987982fbbd3", "2026-01-01"],
            ["c-2", "k2", "ApiKey", "partner", "vault", "kv/k2", "sha1:a94a8fe5ccb19ba61c4c0873d391e987982fbbd3", "2026-01-01"],
            ["c-3", "k3", "ApiKey", "partner", "vault", "kv/k3", "0123456789abcdef0123", "2026-01-01"]);

        var plan = ImportPlanner.Plan(table, ImportKind.Credentials, Context());

        Assert.Contains(plan.Errors, e => e is { RowNumber: 2, Column: "Fingerprint" } && e.Reason.Contains("sha1:", StringComparison.Ordinal));
        Assert.Contains(plan.Errors, e => e is { RowNumber: 4, Column: "Fingerprint" } && e.Reason.Contains("never the value", StringComparison.Ordinal));
        Assert.Equal("a94a8fe5ccb19ba61c4c0873d391e987982fbbd3", Assert.Single(plan.Credentials).Fingerprint.Value);
    }

    [Fact]
    public void Plan_StaffStatusLeft_PlansAnUpdateThatDeactivates()
    {
        string[] headers = ["Subject", "DisplayName", "Email", "Status"];
        var context = Context() with
        {
            StaffBySubject = new Dictionary<string, ExistingStaff> { ["s-1"] = new(Ada, "s-1", "Ada", "ada@example.org", null, true) },
        };

        var plan = ImportPlanner.Plan(Table(headers, ["s-1", "Ada", "ada@example.org", "Left"], ["s-2", "Bo", "bo", "Gone"]), ImportKind.Staff, context);

        var ada = Assert.Single(plan.Staff);
        Assert.Equal((ImportAction.Update, false), (ada.Action, ada.IsActive));
        Assert.Contains(plan.Errors, e => e is { RowNumber: 3, Column: "Email" });
        Assert.Contains(plan.Errors, e => e is { RowNumber: 3, Column: "Status" });
    }
}
