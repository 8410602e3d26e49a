using Microsoft.AspNetCore.Http.HttpResults;
using NhiPortal.Core.Leaks;

namespace NhiPortal.Web.Api;

/// <summary>A secret scanner's alert in; the value is fingerprinted by the intake at once and never stored, logged or echoed.</summary>
public static class LeakApi
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/leaks", ReportAsync).WithName("ReportLeak").WithTags("Leaks")
            .WithSummary("Reports a leaked secret (its value or fingerprint, where and when it was found); 201 for a new report, 200 for a repeat of the scanner's alert id.")
            .ProducesProblem(422);

    private static async Task<Results<Created<LeakReceipt>, Ok<LeakReceipt>>> ReportAsync(LeakReportRequest body, ILeakIntake intake, CancellationToken ct)
    {
        var receipt = await intake.ReportAsync(body, ct);
        return receipt.Duplicate ? TypedResults.Ok(receipt) : TypedResults.Created($"/leaks?report={receipt.Id}", receipt);
    }
}
