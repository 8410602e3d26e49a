using Microsoft.AspNetCore.Http.HttpResults;
using NhiPortal.Core.Reviews;

namespace NhiPortal.Web.Api;

/// <summary>Campaigns and their progress; the caller's own review items and their decisions.</summary>
public static class ReviewApi
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/campaigns", ListAsync).WithName("ListCampaigns").WithTags("Reviews").WithSummary("Every campaign with its counts.");
        api.MapGet("/campaigns/{id:guid}", GetAsync).WithName("GetCampaign").WithTags("Reviews")
            .WithSummary("A campaign's progress by reviewer and team, and its rubber-stamp signals.");
        api.MapGet("/review-items", QueueAsync).WithName("ListMyReviewItems").WithTags("Reviews")
            .WithSummary("The review items assigned or escalated to the caller.");
        api.MapPost("/review-items/{id:long}/decision", DecideAsync).WithName("DecideReviewItem").WithTags("Reviews")
            .WithSummary("Decides one review item assigned to the caller.").ProducesProblem(409).ProducesProblem(422);
    }

    private static async Task<Ok<IReadOnlyList<CampaignRow>>> ListAsync(ICampaignQueries campaigns, CancellationToken ct) =>
        TypedResults.Ok(await campaigns.ListAsync(ct));

    private static async Task<Ok<CampaignSummary>> GetAsync(Guid id, ICampaignQueries campaigns, CancellationToken ct)
    {
        var progress = await campaigns.GetProgressAsync(id, ct);
        return TypedResults.Ok(new CampaignSummary(progress.Campaign, progress.ByReviewer, progress.ByTeam, progress.Signals));
    }

    private static async Task<Ok<IReadOnlyList<ReviewItemView>>> QueueAsync(IReviewQueue queue, bool? includeDecided, CancellationToken ct) =>
        TypedResults.Ok(await queue.MyQueueAsync(includeDecided ?? false, ct));

    private static async Task<NoContent> DecideAsync(long id, DecisionBody body, IReviewDecisions decisions, CancellationToken ct)
    {
        await decisions.DecideAsync(new DecisionRequest(id, body.Version, body.Decision, body.Justification, body.NewOwnerId), ct);
        return TypedResults.NoContent();
    }
}
