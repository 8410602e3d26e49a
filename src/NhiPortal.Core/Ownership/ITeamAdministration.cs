namespace NhiPortal.Core.Ownership;

/// <summary>
/// Teams as the organisation changes them (Operators, Administrators; every change audited). The team lead is the
/// reviewer rule's second step, after the owner: an NHI whose owner cannot review goes to its team's lead.
/// </summary>
public interface ITeamAdministration
{
    /// <summary>Every team, dissolved ones last (everyone who may see the inventory).</summary>
    Task<IReadOnlyList<TeamRow>> ListAsync(CancellationToken ct = default);

    Task<Guid> CreateAsync(string name, Guid? leadId, CancellationToken ct = default);

    Task RenameAsync(Guid teamId, string name, CancellationToken ct = default);

    /// <summary>Sets (or with null clears) the lead: an active staff member.</summary>
    Task SetLeadAsync(Guid teamId, Guid? leadId, CancellationToken ct = default);

    /// <summary>
    /// Dissolves the team. With <paramref name="mergeInto"/> its NHIs and staff move to that team first (each NHI's
    /// team change audited); without, its NHIs stay on a dissolved team and count as orphans until someone moves them.
    /// Returns the number of NHIs moved.
    /// </summary>
    Task<int> DissolveAsync(Guid teamId, Guid? mergeInto, string reason, CancellationToken ct = default);
}
