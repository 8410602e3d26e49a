using Microsoft.AspNetCore.Http.HttpResults;
using NhiPortal.Core.Reviews;

namespace NhiPortal.Web.Api;

/// <summary>Campaigns and their progress; the caller's own review items and their decisions.</summary>
public static class ReviewApi
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/campaigns", ListAsync).WithName("ListCampaigns").WithTags("Reviews").WithSummary("Campaigns with their counts, newest first, a page at a time.");
        api.MapGet("/campaigns/{id:guid}", GetAsync).WithName("GetCampaign").WithTags("Reviews")
            .WithSummary("A campaign's progress by reviewer and team, and its rubber-stamp signals.");
        api.MapGet("/review-items", QueueAsync).WithName("ListMyReviewItems").WithTags("Reviews")
            .WithSummary("The review items assigned or escalated to the caller (a client: to its owner), in item order, a page at a time.");
        api.MapPost("/review-items/{id:long}/decision", DecideAsync).WithName("DecideReviewItem").WithTags("Reviews")
            .WithSummary("Decides one review item assigned to the caller (a client: to its owner), under the caller's name.").ProducesProblem(409).ProducesProblem(422);
    }

    private static async Task<Ok<ApiPage<CampaignRow>>> ListAsync(ICampaignQueries campaigns, int? limit, string? cursor, CancellationToken ct)
    {
        var take = ApiCursor.Limit(limit);
        var rows = await campaigns.ListPageAsync(ApiCursor.DecodeCampaign(cursor), take, ct);
        return TypedResults.Ok(ApiPage<CampaignRow>.Of(rows, take, r => ApiCursor.Encode(new CampaignCursor(r.CreatedUtc, r.Id))));
    }

    private static async Task<Ok<CampaignSummary>> GetAsync(Guid id, ICampaignQueries campaigns, CancellationToken ct)
    {
        var progress = await campaigns.GetProgressAsync(id, ct);
        return TypedResults.Ok(new CampaignSummary(progress.Campaign, progress.ByReviewer, progress.ByTeam, progress.Signals));
    }

    private static async Task<Ok<ApiPage<ReviewItemView>>> QueueAsync(IReviewQueue queue, bool? includeDecided, int? limit, string? cursor, CancellationToken ct)
    {
        var take = ApiCursor.Limit(limit);
        var rows = await queue.MyQueueAfterAsync(ApiCursor.DecodeSequence(cursor), take, includeDecided ?? false, ct);
        return TypedResults.Ok(ApiPage<ReviewItemView>.Of(rows, take, r => ApiCursor.Encode(r.Id)));
    }

    private static async Task<NoContent> DecideAsync(long id, DecisionBody body, IReviewDecisions decisions, CancellationToken ct)
    {
        await decisions.DecideAsync(new DecisionRequest(id, body.Version, body.Decision, body.Justification, body.NewOwnerId), ct);
        return TypedResults.NoContent();
    }
}
