namespace NhiPortal.Core.Reviews;

/// <summary>
/// What a reviewer sees about an NHI, frozen when the campaign starts (<see cref="ReviewItem.EvidenceJson"/>); one
/// shape for the campaign that writes it and the screens and reports that read it.
/// </summary>
public sealed record ReviewEvidence(
    int? Score, string? Grade, DateTime? LastUsedUtc, DateTime? LastActivityUtc, DateTime? LastAttestedUtc, IReadOnlyList<string> Entitlements,
    string Privilege, bool IsShared, bool IsBreakGlass, bool IsVendorManaged, IReadOnlyList<EvidenceCredential> Credentials, string? PreviousDecision)
{
    private static readonly System.Text.Json.JsonSerializerOptions Json = new();

    public string ToJson() => System.Text.Json.JsonSerializer.Serialize(this, Json);

    public static ReviewEvidence? FromJson(string json) => System.Text.Json.JsonSerializer.Deserialize<ReviewEvidence>(json, Json);
}
