using Microsoft.AspNetCore.Http.HttpResults;
using NhiPortal.Core.Common;
using NhiPortal.Core.Credentials;
using NhiPortal.Core.Hygiene;
using NhiPortal.Core.Inventory;

namespace NhiPortal.Web.Api;

/// <summary>Identities and credentials as the grids list them (same filters, same scoping), in a stable keyset order.</summary>
public static class InventoryApi
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/identities", ListIdentitiesAsync).WithName("ListIdentities").WithTags("Inventory")
            .WithSummary("Identities the caller may see, in name order; a Reviewer sees the identities they own.");
        api.MapGet("/identities/{id:guid}", GetIdentityAsync).WithName("GetIdentity").WithTags("Inventory")
            .WithSummary("One identity with its credentials, its hygiene score and each finding.");
        api.MapGet("/credentials", ListCredentialsAsync).WithName("ListCredentials").WithTags("Inventory")
            .WithSummary("Credentials the caller may see, in name order.");
    }

    private static async Task<Ok<ApiPage<IdentityRow>>> ListIdentitiesAsync(IInventoryQueries inventory,
        IdentityKind? kind, DeploymentEnvironment? environment, IdentityLifecycleState? state, Guid? teamId, Guid? ownerId,
        bool? orphansOnly, HygieneGrade? grade, string? search, int? limit, string? cursor, CancellationToken ct)
    {
        var take = ApiCursor.Limit(limit);
        var filter = new IdentityFilter
        {
            Kind = kind, Environment = environment, State = state, TeamId = teamId, OwnerId = ownerId, OrphansOnly = orphansOnly ?? false,
            Grade = grade, Search = search,
        };
        var page = await inventory.QueryIdentitiesAsync(filter, new PageRequest(Take: take) { After = Start(cursor), CountTotal = false }, ct);
        return TypedResults.Ok(ApiPage<IdentityRow>.Of(page.Rows, take, r => ApiCursor.Encode(new NameCursor(r.Name, r.Id))));
    }

    private static async Task<Ok<ApiPage<CredentialRow>>> ListCredentialsAsync(IInventoryQueries inventory,
        CredentialKind? kind, CredentialState? state, string? store, Guid? identityId, bool? shadowOnly, int? expiringWithinDays,
        string? search, int? limit, string? cursor, CancellationToken ct)
    {
        var take = ApiCursor.Limit(limit);
        if (expiringWithinDays is < 0 or > 3650)
        {
            throw new ApiInputException("expiringWithinDays", "expiringWithinDays must be 0 to 3650.");
        }
        var filter = new CredentialFilter
        {
            Kind = kind, State = state, Store = store, IdentityId = identityId, ShadowOnly = shadowOnly ?? false,
            ExpiringWithinDays = expiringWithinDays, Search = search,
        };
        var page = await inventory.QueryCredentialsAsync(filter, new PageRequest(Take: take) { After = Start(cursor), CountTotal = false }, ct);
        return TypedResults.Ok(ApiPage<CredentialRow>.Of(page.Rows, take, r => ApiCursor.Encode(new NameCursor(r.Name, r.Id))));
    }

    private static async Task<Ok<IdentityResponse>> GetIdentityAsync(Guid id, IInventoryQueries inventory, IHygieneService hygiene, CancellationToken ct)
    {
        var detail = await inventory.GetIdentityAsync(id, ct);
        var (score, credentials) = await hygiene.ExplainIdentityAsync(id, ct);
        return TypedResults.Ok(new IdentityResponse(detail.Identity, detail.Purpose, detail.SourceSystem, detail.ExternalId, detail.Entitlements,
            detail.Credentials, score, credentials));
    }

    // No cursor: the first page, in the same (name, id) order the cursor continues.
    private static NameCursor? Start(string? cursor) => ApiCursor.DecodeName(cursor);
}
