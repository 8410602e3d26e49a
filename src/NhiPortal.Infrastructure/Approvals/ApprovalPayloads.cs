using System.Text.Json;
using NhiPortal.Core.Hygiene;
using NhiPortal.Core.Revocation;
using NhiPortal.Infrastructure.Hygiene;

namespace NhiPortal.Infrastructure.Approvals;

/// <summary>How a request's change is kept until it is approved: exactly what will be carried out.</summary>
internal static class ApprovalPayloads
{
    public sealed record Revocation(IReadOnlyList<Guid> CredentialIds, string Reason, bool IncludeManual);

    public sealed record PolicyChange(string PolicyJson, string Note);

    public sealed record ApprovedRun(Guid ApprovalId);

    public sealed record RoleMapChange(string EntriesJson, int BaseVersion, string Note);

    public static string Of(IEnumerable<KeyValuePair<string, string>> entries, int baseVersion, string note) =>
        JsonSerializer.Serialize(new RoleMapChange(Access.RoleMapStore.Serialize(entries), baseVersion, note.Trim()));

    public static RoleMapChange RoleMapOf(string json) =>
        JsonSerializer.Deserialize<RoleMapChange>(json) ?? throw new InvalidOperationException("An approval without its role map.");

    public static string Of(RevocationRequest request) =>
        // Sorted: a retry that lists the same credentials in another order is the same request.
        JsonSerializer.Serialize(new Revocation([.. request.CredentialIds.Distinct().Order()], request.Reason.Trim(), request.IncludeManual));

    public static RevocationRequest RevocationOf(string json)
    {
        var payload = JsonSerializer.Deserialize<Revocation>(json) ?? throw new InvalidOperationException("An approval without its revocation.");
        return new RevocationRequest(payload.CredentialIds, payload.Reason, IncludeManual: payload.IncludeManual);
    }

    public static string Of(HygienePolicy policy, string note) => JsonSerializer.Serialize(new PolicyChange(HygienePolicyStore.Serialize(policy), note.Trim()));

    public static (HygienePolicy Policy, string Note) PolicyOf(string json)
    {
        var payload = JsonSerializer.Deserialize<PolicyChange>(json) ?? throw new InvalidOperationException("An approval without its policy.");
        return (JsonSerializer.Deserialize<HygienePolicy>(payload.PolicyJson, HygienePolicyStore.Json)!, payload.Note);
    }
}
