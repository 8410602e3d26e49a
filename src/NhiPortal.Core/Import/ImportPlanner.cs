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
    private static readonly string[] DateFormats =
    [
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", "yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mmK", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm",
        "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd",
    ];

    public static ImportKeys KeysOf(ImportTable table) => new(
        Distinct(table, "ExternalId"), Distinct(table, "Name"), Distinct(table, "OwnerEmail").Concat(Distinct(table, "Email")).ToArray(),
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
        foreach (var row in table.Rows)
        {
            var rowErrors = new RowErrors(row.RowNumber);
            CheckCells(row, rowErrors);
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
                    if (PlanStaff(row, context, rowErrors) is { } member && rowErrors.None)
                    {
                        staff.Add(member);
                        AddTeam(member.TeamName, context, newTeams);
                    }
                    break;
            }
            errors.AddRange(rowErrors.Errors);
        }
        return new ImportPlan(kind, table.FileName, table.Rows.Count, errors, ignored, identities, credentials, staff, newTeams.ToList());
    }

    private static IdentityDraft? PlanIdentity(ImportRow row, ImportContext context, RowErrors errors, Dictionary<string, int> seenNames)
    {
        var externalId = Required(row, "ExternalId", errors);
        var name = Required(row, "Name", errors);
        var kind = RequiredEnum<IdentityKind>(row, "Kind", errors);
        var purpose = Required(row, "Purpose", errors);
        var environment = RequiredEnum<DeploymentEnvironment>(row, "Environment", errors);
        var source = Required(row, "SourceSystem", errors);
        var privilege = OptionalEnum(row, "PrivilegeLevel", errors, PrivilegeLevel.Low);
        var shared = Bool(row, "Shared", errors);
        var breakGlass = Bool(row, "BreakGlass", errors);
        var vendor = Bool(row, "VendorManaged", errors);
        var lastActivity = Date(row, "LastActivityUtc", errors);
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

    private static CredentialDraft? PlanCredential(ImportRow row, ImportContext context, RowErrors errors)
    {
        var externalId = Required(row, "ExternalId", errors);
        var name = Required(row, "Name", errors);
        var kind = RequiredEnum<CredentialKind>(row, "Kind", errors);
        var purpose = Required(row, "Purpose", errors);
        var store = Required(row, "Store", errors);
        var reference = Required(row, "StoreReference", errors);
        var issued = Date(row, "IssuedUtc", errors);
        if (issued is null && row["IssuedUtc"] is null)
        {
            errors.Add("IssuedUtc", "IssuedUtc is required.");
        }
        var expires = Date(row, "ExpiresUtc", errors);
        var rotated = Date(row, "LastRotatedUtc", errors);
        var used = Date(row, "LastUsedUtc", errors);
        var dynamic = Bool(row, "Dynamic", errors);
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
        if (Required(row, "Fingerprint", errors) is { } fingerprintText)
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

    private static StaffDraft? PlanStaff(ImportRow row, ImportContext context, RowErrors errors)
    {
        var subject = Required(row, "Subject", errors);
        var name = Required(row, "DisplayName", errors);
        var email = row["Email"];
        if (email is not null && !email.Contains('@', StringComparison.Ordinal))
        {
            errors.Add("Email", $"'{email}' is not an email address.");
        }
        var active = true;
        if (row["Status"] is { } status)
        {
            active = status.ToUpperInvariant() switch
            {
                "ACTIVE" => true,
                "LEFT" => false,
                _ => Invalid(errors, "Status", $"'{status}' is not Active or Left."),
            };
        }
        if (!errors.None)
        {
            return null;
        }
        var existing = context.StaffBySubject.GetValueOrDefault(subject!);
        var draft = new StaffDraft(row.RowNumber, ImportAction.Create, existing?.Id, subject!, name!, email, row["Team"], active);
        return existing is null ? draft : draft with
        {
            Action = existing.DisplayName == name && existing.Email == email && existing.IsActive == active
                && string.Equals(existing.TeamName, draft.TeamName, StringComparison.OrdinalIgnoreCase)
                ? ImportAction.Unchanged : ImportAction.Update,
        };
    }

    private static void CheckCells(ImportRow row, RowErrors errors)
    {
        foreach (var column in row.FormulaCells)
        {
            errors.Add(column, "The cell holds a formula; enter the value itself.");
        }
        foreach (var (column, value) in row.Cells)
        {
            if (row.FormulaCells.Contains(column) || string.IsNullOrEmpty(value))
            {
                continue;
            }
            if (SecretDetector.LooksLikeSecret(value))
            {
                errors.Add(column, "The value looks like a secret (a key, token or password). Import its fingerprint and metadata only.");
            }
            else if (value[0] is '=' or '+' or '@' || (value[0] == '-' && value.Length > 1 && !char.IsDigit(value[1])))
            {
                // A leading formula character would run as a formula when an export is opened in a spreadsheet.
                errors.Add(column, "The value starts with a formula character (= + - @).");
            }
        }
    }

    private static void AddTeam(string? team, ImportContext context, SortedSet<string> newTeams)
    {
        if (team is not null && !context.TeamNames.Contains(team))
        {
            newTeams.Add(team);
        }
    }

    private static string? Required(ImportRow row, string column, RowErrors errors)
    {
        var value = row[column];
        if (value is null)
        {
            errors.Add(column, $"{column} is required.");
        }
        return value;
    }

    private static TEnum? RequiredEnum<TEnum>(ImportRow row, string column, RowErrors errors) where TEnum : struct, Enum
    {
        var value = Required(row, column, errors);
        return value is null ? null : ParseEnum<TEnum>(value, column, errors);
    }

    private static TEnum OptionalEnum<TEnum>(ImportRow row, string column, RowErrors errors, TEnum fallback) where TEnum : struct, Enum =>
        row[column] is { } value ? ParseEnum<TEnum>(value, column, errors) ?? fallback : fallback;

    private static TEnum? ParseEnum<TEnum>(string value, string column, RowErrors errors) where TEnum : struct, Enum
    {
        var normalised = value.Replace(" ", "", StringComparison.Ordinal).Replace("/", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
        if (Enum.TryParse<TEnum>(normalised, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) && !int.TryParse(normalised, out _))
        {
            return parsed;
        }
        errors.Add(column, $"'{value}' is not one of {string.Join(", ", Enum.GetNames<TEnum>())}.");
        return null;
    }

    private static bool Bool(ImportRow row, string column, RowErrors errors)
    {
        switch (row[column]?.ToUpperInvariant())
        {
            case null or "FALSE" or "NO" or "0" or "N":
                return false;
            case "TRUE" or "YES" or "1" or "Y":
                return true;
            default:
                errors.Add(column, $"'{row[column]}' is not true or false.");
                return false;
        }
    }

    private static DateTime? Date(ImportRow row, string column, RowErrors errors)
    {
        if (row[column] is not { } text)
        {
            return null;
        }
        if (DateTimeOffset.TryParseExact(text, DateFormats, CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed))
        {
            return parsed.UtcDateTime;
        }
        errors.Add(column, $"'{text}' is not a date; use ISO 8601 such as 2026-11-23 or 2026-11-23T08:15:00Z.");
        return null;
    }

    private static bool Invalid(RowErrors errors, string column, string reason)
    {
        errors.Add(column, reason);
        return false;
    }

    private static string[] Distinct(ImportTable table, string column) =>
        table.Rows.Select(r => r[column]).OfType<string>().Distinct(StringComparer.Ordinal).ToArray();

    private sealed class RowErrors(int rowNumber)
    {
        public List<ImportError> Errors { get; } = [];

        public bool None => Errors.Count == 0;

        public void Add(string column, string reason) => Errors.Add(new ImportError(rowNumber, column, reason));
    }
}
