using NhiPortal.Core.Common;
using NhiPortal.Core.Import;

namespace NhiPortal.Core.Requests;

/// <summary>What a request must say before it is kept, and who may decide it.</summary>
public static class IdentityRequestRules
{
    public const int MaxName = 200;

    public const int MaxPurpose = 500;

    /// <summary>Every problem with the request, empty when it can be kept.</summary>
    public static IReadOnlyList<string> Validate(NewIdentity request, DateTime nowUtc)
    {
        var problems = new List<string>();
        var name = request.Name?.Trim() ?? "";
        if (name.Length == 0 || name.Length > MaxName)
        {
            problems.Add($"Give the identity a name of 1 to {MaxName} characters.");
        }
        else if (SecretDetector.FindSecret(name) is not null)
        {
            problems.Add("The name looks like a secret: name the identity, never paste its secret.");
        }
        if (Reasons.Problem(request.Purpose, "Say what the identity is for", MaxPurpose) is { } purpose)
        {
            problems.Add(purpose);
        }
        if (!Enum.IsDefined(request.Kind) || !Enum.IsDefined(request.Environment) || !Enum.IsDefined(request.PrivilegeLevel))
        {
            problems.Add("Choose the identity's kind, environment and privilege from the lists.");
        }
        if (request.OwnerId == Guid.Empty)
        {
            problems.Add("Name the identity's owner: every NHI has one.");
        }
        if (IdentityEndDate.Problem(request.EndsOn, nowUtc) is { } end)
        {
            problems.Add(end);
        }
        return problems;
    }

    /// <summary>
    /// An operator (who manages ownership) decides any request; the lead of the requested team decides that team's.
    /// The person behind the request never does: two people, always.
    /// </summary>
    public static bool MayDecide(bool managesOwnership, bool leadsTheTeam, bool askedForIt) => !askedForIt && (managesOwnership || leadsTheTeam);
}
