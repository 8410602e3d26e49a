using System.Globalization;
using NhiPortal.Core.Credentials;
using NhiPortal.Core.Inventory;

namespace NhiPortal.Core.Import;

/// <summary>
/// Validates a whole import file against the database's current state and decides, row by row, what applying it
/// would do. Pure: no I/O, so every rule is unit-tested. Re-importing the same file plans nothing but "unchanged".
/// </summary>
public static class ImportPlanner
{
    public static ImportKeys KeysOf(ImportTable table) => new(
        Distinct(table, "ExternalId"), Distinct(table, "Name"), Distinct(table, "OwnerEmail").Concat(Distinct(table, "Email")).Concat(Distinct(table, "ManagerEmail")).ToArray(),
        Distinct(table, "IdentityExternalId"), Distinct(table, "Subject"));

    public static ImportPlan Plan(ImportTable table, ImportKind kind, ImportContext context)
    {
        var errors = new List<ImportError>();
        var layout = ImportLayout.For(kind);
        var known = layout.Select(c => c.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var header in table.Headers.Where(h => SecretDetector.IsSecretColumn(h)))
        {
            errors.Add(new ImportError(0, header, $"Column '{header}' looks like it holds secret values. The portal stores fingerprints and metadata only: remove the column."));
        }
        foreach (var missing in layout.Where(c => c.Required && !table.Headers.Contains(c.Name, StringComparer.OrdinalIgnoreCase)))
        {
            errors.Add(new ImportError(0, missing.Name, $"Required column '{missing.Name}' is missing."));
        }
        var ignored = table.Headers.Where(h => !known.Contains(h) && !SecretDetector.IsSecretColumn(h)).ToList();
        if (errors.Count > 0)
        {
            return new ImportPlan(kind, table.FileName, table.Rows.Count, errors, ignored, [], [], [], []);
        }

        var identities = new List<IdentityDraft>();
        var credentials = new List<CredentialDraft>();
        var staff = new List<StaffDraft>();
        var newTeams = new SortedSet<string>(StringComparer.OrdinalIgnoreCase);
        var seenExternalIds = new Dictionary<string, int>(StringComparer.Ordinal);
        var seenNames = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        StaffFile? staffFile = null;
        foreach (var row in table.Rows)
        {
            var rowErrors = new ImportRowErrors(row.RowNumber);
            ImportCells.CheckCells(row, rowErrors);
            var key = kind == ImportKind.Staff ? row["Subject"] : row["ExternalId"];
            if (key is not null && !seenExternalIds.TryAdd(key, row.RowNumber))
            {
                rowErrors.Add(kind == ImportKind.Staff ? "Subject" : "ExternalId", $"Duplicate: also on row {seenExternalIds[key]}.");
            }
            switch (kind)
            {
                case ImportKind.Identities:
                    if (PlanIdentity(row, context, rowErrors, seenNames) is { } identity && rowErrors.None)
                    {
                        identities.Add(identity);
                        AddTeam(identity.TeamName, context, newTeams);
                    }
                    break;
                case ImportKind.Credentials:
                    if (PlanCredential(row, context, rowErrors) is { } credential && rowErrors.None)
                    {
                        credentials.Add(credential);
                    }
                    break;
                case ImportKind.Staff:
                    if (StaffRowPlanner.Plan(row, context, rowErrors, staffFile ??= new StaffFile(table)) is { } member && rowErrors.None)
                    {
                        staff.Add(member);
                        AddTeam(member.TeamName, context, newTeams);
                    }
                    break;
            }
            errors.AddRange(rowErrors.Errors);
        }
        if (kind == ImportKind.Staff)
        {
            staff = StaffRowPlanner.WithAppliedManagers(staff, context, errors);
            errors = [.. errors.OrderBy(e => e.RowNumber)];
            newTeams = new SortedSet<string>(staff.Select(s => s.TeamName).OfType<string>().Where(t => !context.TeamNames.Contains(t)), StringComparer.OrdinalIgnoreCase);
        }
        return new ImportPlan(kind, table.FileName, table.Rows.Count, errors, ignored, identities, credentials, staff, newTeams.ToList());
    }

    private static IdentityDraft? PlanIdentity(ImportRow row, ImportContext context, ImportRowErrors errors, Dictionary<string, int> seenNames)
    {
        var externalId = ImportCells.Required(row, "ExternalId", errors);
        var name = ImportCells.Required(row, "Name", errors);
        var kind = ImportCells.RequiredEnum<IdentityKind>(row, "Kind", errors);
        var purpose = ImportCells.Required(row, "Purpose", errors);
        var environment = ImportCells.RequiredEnum<DeploymentEnvironment>(row, "Environment", errors);
        var source = ImportCells.Required(row, "SourceSystem", errors);
        var privilege = ImportCells.OptionalEnum(row, "PrivilegeLevel", errors, PrivilegeLevel.Low);
        var shared = ImportCells.Bool(row, "Shared", errors);
        var breakGlass = ImportCells.Bool(row, "BreakGlass", errors);
        var vendor = ImportCells.Bool(row, "VendorManaged", errors);
        var lastActivity = ImportCells.Date(row, "LastActivityUtc", errors);
        Guid? ownerId = null;
        if (row["OwnerEmail"] is { } email)
        {
            if (context.StaffIdByEmail.TryGetValue(email, out var id))
            {
                ownerId = id;
            }
            else
            {
                errors.Add("OwnerEmail", $"Unknown owner '{email}': not in the staff directory (import staff first).");
            }
        }
        if (name is not null)
        {
            if (!seenNames.TryAdd(name, row.RowNumber))
            {
                errors.Add("Name", $"Duplicate name: also on row {seenNames[name]}.");
            }
            else if (context.IdentitiesByName.TryGetValue(name, out var holder) && holder.ExternalId != externalId)
            {
                errors.Add("Name", $"An identity named '{name}' already exists with another external id ({holder.ExternalId ?? "none"}).");
            }
        }
        if (!errors.None)
        {
            return null;
        }
        var entitlements = (row["Entitlements"] ?? "").Split(ImportLayout.ListSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var existing = context.IdentitiesByExternalId.GetValueOrDefault(externalId!);
        var team = row["Team"];
        var draft = new IdentityDraft(row.RowNumber, ImportAction.Create, existing?.Id, externalId!, name!, kind!.Value, purpose!, environment!.Value,
            source!, ownerId, team, privilege, entitlements, shared, breakGlass, vendor, lastActivity);
        return existing is null ? draft : draft with
        {
            Action = Same(existing, draft) ? ImportAction.Unchanged : ImportAction.Update,
            // A blank optional cell keeps what the portal knows rather than erasing it.
            LastActivityUtc = lastActivity ?? existing.LastActivityUtc,
        };
    }

    private static bool Same(ExistingIdentity e, IdentityDraft d) =>
        e.Name == d.Name && e.Kind == d.Kind && e.Purpose == d.Purpose && e.Environment == d.Environment && e.SourceSystem == d.SourceSystem
        && e.OwnerId == d.OwnerId && string.Equals(e.TeamName, d.TeamName, StringComparison.OrdinalIgnoreCase) && e.Privilege == d.Privilege
        && e.Entitlements.SequenceEqual(d.Entitlements) && e.IsShared == d.IsShared && e.IsBreakGlass == d.IsBreakGlass
        && e.IsVendorManaged == d.IsVendorManaged && (d.LastActivityUtc is null || e.LastActivityUtc == d.LastActivityUtc);

    private static CredentialDraft? PlanCredential(ImportRow row, ImportContext context, ImportRowErrors errors)
    {
        var externalId = ImportCells.Required(row, "ExternalId", errors);
        var name = ImportCells.Required(row, "Name", errors);
        var kind = ImportCells.RequiredEnum<CredentialKind>(row, "Kind", errors);
        var purpose = ImportCells.Required(row, "Purpose", errors);
        var store = ImportCells.Required(row, "Store", errors);
        var reference = ImportCells.Required(row, "StoreReference", errors);
        var issued = ImportCells.Date(row, "IssuedUtc", errors);
        if (issued is null && row["IssuedUtc"] is null)
        {
            errors.Add("IssuedUtc", "IssuedUtc is required.");
        }
        var expires = ImportCells.Date(row, "ExpiresUtc", errors);
        var rotated = ImportCells.Date(row, "LastRotatedUtc", errors);
        var used = ImportCells.Date(row, "LastUsedUtc", errors);
        var dynamic = ImportCells.Bool(row, "Dynamic", errors);
        TimeSpan? ttl = null;
        if (row["TtlMinutes"] is { } ttlText)
        {
            if (int.TryParse(ttlText, NumberStyles.Integer, CultureInfo.InvariantCulture, out var minutes) && minutes > 0)
            {
                ttl = TimeSpan.FromMinutes(minutes);
            }
            else
            {
                errors.Add("TtlMinutes", $"'{ttlText}' is not a positive whole number of minutes.");
            }
        }
        Fingerprint? fingerprint = null;
        if (ImportCells.Required(row, "Fingerprint", errors) is { } fingerprintText)
        {
            if (Fingerprint.TryParseEntered(fingerprintText, out var parsed, out var problem))
            {
                fingerprint = parsed;
            }
            else
            {
                errors.Add("Fingerprint", problem);
            }
        }
        Guid? identityId = null;
        if (row["IdentityExternalId"] is { } identityKey)
        {
            if (context.IdentitiesByExternalId.TryGetValue(identityKey, out var identity))
            {
                identityId = identity.Id;
                var attached = context.CredentialsByExternalId.GetValueOrDefault(externalId ?? "")?.IdentityId == identity.Id;
                if (identity.State != IdentityLifecycleState.Active && !attached)
                {
                    // A disabled or decommissioned identity holds no live credentials; its existing ones may still be updated.
                    errors.Add("IdentityExternalId", $"'{identityKey}' is {identity.State.ToString().ToLowerInvariant()}: it takes no new credentials " +
                        "(an operator re-enables a disabled identity first; a decommissioned one stays closed).");
                }
            }
            else
            {
                errors.Add("IdentityExternalId", $"Unknown identity '{identityKey}' (import identities first; leave blank for a shadow credential).");
            }
        }
        if (issued is not null && expires is not null && expires < issued)
        {
            errors.Add("ExpiresUtc", "Expires before it was issued.");
        }
        if (!errors.None)
        {
            return null;
        }
        var existing = context.CredentialsByExternalId.GetValueOrDefault(externalId!);
        var draft = new CredentialDraft(row.RowNumber, ImportAction.Create, existing?.Id, externalId!, name!, kind!.Value, identityId, purpose!,
            store!, reference!, fingerprint!.Value, issued!.Value, expires, rotated, used, dynamic, ttl);
        if (existing is null)
        {
            return draft;
        }
        var same = existing.Name == draft.Name && existing.Kind == draft.Kind && existing.IdentityId == draft.IdentityId
            && existing.Purpose == draft.Purpose && existing.Store == draft.Store && existing.StoreReference == draft.StoreReference
            && existing.Fingerprint == draft.Fingerprint && existing.IssuedUtc == draft.IssuedUtc && existing.ExpiresUtc == draft.ExpiresUtc
            && (rotated is null || existing.LastRotatedUtc == rotated) && (used is null || existing.LastUsedUtc == used)
            && existing.IsDynamic == draft.IsDynamic && existing.TimeToLive == draft.TimeToLive;
        return draft with
        {
            Action = same ? ImportAction.Unchanged : ImportAction.Update,
            LastRotatedUtc = rotated ?? existing.LastRotatedUtc,
            LastUsedUtc = used ?? existing.LastUsedUtc,
        };
    }

    private static void AddTeam(string? team, ImportContext context, SortedSet<string> newTeams)
    {
        if (team is not null && !context.TeamNames.Contains(team))
        {
            newTeams.Add(team);
        }
    }

    private static string[] Distinct(ImportTable table, string column) =>
        table.Rows.Select(r => r[column]).OfType<string>().Distinct(StringComparer.Ordinal).ToArray();
}
