using NhiPortal.Core.Hygiene;
using NhiPortal.Core.Inventory;

namespace NhiPortal.Web.Api;

/// <summary>An identity as the API returns it: the grid row, its facts, its credentials and the explained hygiene score.</summary>
public sealed record IdentityResponse(
    IdentityRow Identity, string Purpose, string SourceSystem, string? ExternalId, IReadOnlyList<string> Entitlements,
    IReadOnlyList<CredentialRow> Credentials, HygieneScore? Hygiene, IReadOnlyList<CredentialHygiene> CredentialHygiene);
