using NhiPortal.Core.Inventory;

namespace NhiPortal.Core.Requests;

/// <summary>
/// A new NHI asked for in the portal, kept until the team's lead or an operator approves it (never the person who
/// asked): then the identity is created, in the same transaction, with <see cref="EndsUtc"/> as its planned end.
/// </summary>
public sealed class IdentityRequest
{
    public Guid Id { get; set; } = Guid.NewGuid();

    public required string Name { get; set; }

    public required IdentityKind Kind { get; set; }

    public required string Purpose { get; set; }

    public required DeploymentEnvironment Environment { get; set; }

    public PrivilegeLevel PrivilegeLevel { get; set; } = PrivilegeLevel.Low;

    public required Guid OwnerId { get; set; }

    /// <summary>Whose lead may approve it; without a team, only an operator can.</summary>
    public Guid? TeamId { get; set; }

    public required DateTime EndsUtc { get; set; }

    public required string RequestedBy { get; set; }

    public required string RequestedByName { get; set; }

    /// <summary>The person behind it (an API client's owner for a client): they never decide it.</summary>
    public required string RequesterPerson { get; set; }

    public required DateTime RequestedUtc { get; set; }

    public IdentityRequestState State { get; set; } = IdentityRequestState.Pending;

    public string? DecidedBy { get; set; }

    public string? DecidedByName { get; set; }

    public DateTime? DecidedUtc { get; set; }

    public string? DecisionNote { get; set; }

    /// <summary>The identity an approval created.</summary>
    public Guid? IdentityId { get; set; }

    /// <summary>Optimistic concurrency: two approvers at once; the second is told.</summary>
    public int Version { get; set; }

    public void Decide(bool approve, string decidedBy, string decidedByName, string deciderPerson, string note, DateTime nowUtc)
    {
        if (State != IdentityRequestState.Pending)
        {
            throw new InvalidOperationException($"The request is {State}; only a pending one is decided.");
        }
        if (string.Equals(deciderPerson, RequesterPerson, StringComparison.Ordinal))
        {
            throw new InvalidOperationException("The requester cannot decide their own request.");
        }
        State = approve ? IdentityRequestState.Approved : IdentityRequestState.Rejected;
        (DecidedBy, DecidedByName, DecidedUtc, DecisionNote) = (decidedBy, decidedByName, nowUtc, note.Trim());
        Version++;
    }
}
