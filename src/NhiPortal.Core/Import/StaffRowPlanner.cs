namespace NhiPortal.Core.Import;

/// <summary>
/// One row of a staff directory import: the person, their team, their line manager and whether they lead the team.
/// The manager is found by email in the directory or on another row of the same file; a blank ManagerEmail cell
/// clears the manager, a file without the column leaves managers alone. TeamLead true makes the person their team's
/// lead, false takes the lead away from them, blank leaves it.
/// </summary>
internal static class StaffRowPlanner
{
    public static StaffDraft? Plan(ImportRow row, ImportContext context, ImportRowErrors errors, StaffFile file)
    {
        var subject = ImportCells.Required(row, "Subject", errors);
        var name = ImportCells.Required(row, "DisplayName", errors);
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
                _ => ImportCells.Invalid(errors, "Status", $"'{status}' is not Active or Left."),
            };
        }
        var manager = row["ManagerEmail"];
        Guid? managerId = null;
        if (manager is not null)
        {
            var existingId = subject is null ? null : context.StaffBySubject.GetValueOrDefault(subject)?.Id;
            if ((email is not null && string.Equals(manager, email, StringComparison.OrdinalIgnoreCase))
                || (existingId is not null && context.StaffIdByEmail.GetValueOrDefault(manager) == existingId))
            {
                errors.Add("ManagerEmail", "A person cannot be their own manager.");
            }
            else if (context.StaffIdByEmail.TryGetValue(manager, out var known))
            {
                managerId = known;
            }
            else if (!file.Emails.Contains(manager))
            {
                errors.Add("ManagerEmail", $"'{manager}' is neither in the staff directory nor on another row of this file.");
            }
        }
        bool? lead = row["TeamLead"] is null ? null : ImportCells.Bool(row, "TeamLead", errors);
        var team = row["Team"];
        if (lead == true)
        {
            if (team is null)
            {
                errors.Add("TeamLead", "A team lead needs a Team.");
            }
            else if (!active)
            {
                errors.Add("TeamLead", "A person who left cannot lead a team.");
            }
            else if (!file.Leads.TryAdd(team, row.RowNumber))
            {
                errors.Add("TeamLead", $"{team} already has its lead on row {file.Leads[team]}.");
            }
        }
        if (!errors.None)
        {
            return null;
        }
        var existing = context.StaffBySubject.GetValueOrDefault(subject!);
        var draft = new StaffDraft(row.RowNumber, ImportAction.Create, existing?.Id, subject!, name!, email, team, active)
        {
            SetsManager = file.HasManagerColumn, ManagerEmail = manager, TeamLead = lead,
        };
        return existing is null ? draft : draft with { Action = Same(existing, draft, managerId) ? ImportAction.Unchanged : ImportAction.Update };
    }

    /// <summary>
    /// Rows whose manager is only on a row that is not applied (it has errors) are refused too, until none is left:
    /// a manager must exist once the import is applied.
    /// </summary>
    public static List<StaffDraft> WithAppliedManagers(List<StaffDraft> drafts, ImportContext context, List<ImportError> errors)
    {
        while (true)
        {
            var applied = drafts.Select(d => d.Email).OfType<string>().ToHashSet(StringComparer.OrdinalIgnoreCase);
            var orphaned = drafts.Where(d => d.ManagerEmail is { } m && !context.StaffIdByEmail.ContainsKey(m) && !applied.Contains(m)).ToList();
            if (orphaned.Count == 0)
            {
                return drafts;
            }
            errors.AddRange(orphaned.Select(d => new ImportError(d.RowNumber, "ManagerEmail", $"The manager '{d.ManagerEmail}' is on a row that is not imported (it has errors).")));
            drafts = drafts.Except(orphaned).ToList();
        }
    }

    private static bool Same(ExistingStaff existing, StaffDraft draft, Guid? managerId) =>
        existing.DisplayName == draft.DisplayName && existing.Email == draft.Email && existing.IsActive == draft.IsActive
        && string.Equals(existing.TeamName, draft.TeamName, StringComparison.OrdinalIgnoreCase)
        // A manager who is only on this file (not yet in the directory) is a change by definition.
        && (!draft.SetsManager || (draft.ManagerEmail is null ? existing.ManagerId is null : managerId is not null && existing.ManagerId == managerId))
        && (draft.TeamLead is null || draft.TeamLead == existing.LeadsTeam);
}

/// <summary>What the staff rows of one file share: the emails on it (managers may be among them), the leads claimed so far.</summary>
internal sealed class StaffFile(ImportTable table)
{
    public bool HasManagerColumn { get; } = table.Headers.Contains("ManagerEmail", StringComparer.OrdinalIgnoreCase);

    public HashSet<string> Emails { get; } = table.Rows.Select(r => r["Email"]).OfType<string>().ToHashSet(StringComparer.OrdinalIgnoreCase);

    public Dictionary<string, int> Leads { get; } = new(StringComparer.OrdinalIgnoreCase);
}
