using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using NhiPortal.Core.Access;
using NhiPortal.Core.Approvals;
using NhiPortal.Core.Common;
using NhiPortal.Core.Revocation;

namespace NhiPortal.Web.Api;

/// <summary>Start a revocation run (idempotent with an Idempotency-Key), read its status and page through its steps.</summary>
public static class RevocationApi
{
    public const string IdempotencyHeader = "Idempotency-Key";

    public static void Map(RouteGroupBuilder api)
    {
        api.MapPost("/revocations", StartAsync).WithName("StartRevocation").WithTags("Revocation")
            .WithSummary("Starts a revocation run and returns at once (202); a retry with the same Idempotency-Key returns the same run. A selection above "
                + "Approvals:BulkRevocationAbove becomes an approval request instead (202, Location /api/v1/approvals/{id}): the run starts once a second person approves it.")
            .ProducesProblem(400).ProducesProblem(403).ProducesProblem(404).ProducesProblem(422);
        api.MapGet("/revocations/{id:guid}", GetAsync).WithName("GetRevocation").WithTags("Revocation")
            .WithSummary("A run's status and its step counts by state.");
        api.MapGet("/revocations/{id:guid}/steps", StepsAsync).WithName("ListRevocationSteps").WithTags("Revocation")
            .WithSummary("A run's steps in order, paged.");
        api.MapGet("/approvals/{id:guid}", async (Guid id, IApprovalQueries approvals, CancellationToken ct) => TypedResults.Ok(await approvals.GetAsync(id, ct)))
            .WithName("GetApproval").WithTags("Revocation")
            .WithSummary("A four-eyes request: Pending, Approved (with the run it started, runId), Rejected or Failed, with who decided and why.");
    }

    private static async Task<Results<Accepted<RevocationRunSummary>, Ok<RevocationRunSummary>, Accepted<ApprovalRow>, ProblemHttpResult>> StartAsync(
        StartRevocationBody body, HttpContext http, IRevocationService revocation, IRevocationRunQueries runs, ICurrentUser caller, FourEyesPolicy fourEyes,
        IApprovalCommands approvals, IApprovalQueries approvalQueries, CancellationToken ct)
    {
        var request = new RevocationRequest(body.CredentialIds ?? [], body.Reason, body.IdentityId, body.DisableIdentity, body.IncludeManual);
        var keyed = http.Request.Headers[IdempotencyHeader].ToString();
        if (keyed.Length > 200)
        {
            throw new ApiInputException(IdempotencyHeader, "The Idempotency-Key is at most 200 characters.");
        }
        if (fourEyes.Requires(request))
        {
            // A second person's decision: the request waits for it (a retry with the same key finds the same request).
            var requester = await caller.GetAsync();
            var approvalId = await approvals.RequestRevocationAsync(keyed.Length > 0 ? request with { RunId = RunIdFor(requester.Subject, keyed) } : request, ct);
            return TypedResults.Accepted($"/api/v1/approvals/{approvalId}", await approvalQueries.GetAsync(approvalId, ct));
        }
        if (keyed is not { Length: > 0 } key)
        {
            var started = await revocation.StartAsync(request, ct);
            return TypedResults.Accepted($"/api/v1/revocations/{started}", await runs.GetSummaryAsync(started, ct));
        }
        var user = await caller.GetAsync();
        request = request with { RunId = RunIdFor(user.Subject, key), RequestHash = HashOf(request) };
        if (await ExistingAsync(runs, request.RunId!.Value, ct) is { } existing)
        {
            return existing.RequestHash == request.RequestHash ? TypedResults.Ok(existing) : Reused(http);
        }
        var id = await revocation.StartAsync(request, ct);
        var summary = await runs.GetSummaryAsync(id, ct);
        // Two calls with one key raced and the other's run won: a retry only if it was the same request.
        return summary.RequestHash == request.RequestHash ? TypedResults.Accepted($"/api/v1/revocations/{id}", summary) : Reused(http);
    }

    // The same key with another request is the client's mistake; answering with the first run would hide it.
    private static ProblemHttpResult Reused(HttpContext http) =>
        TypedResults.Problem(ApiProblem.Create(http, 422, "Idempotency-Key reused", "This Idempotency-Key started a run for a different request.", IdempotencyHeader));

    /// <summary>The request in one canonical form (credentials sorted, reason trimmed), hashed.</summary>
    public static string HashOf(RevocationRequest request)
    {
        var canonical = string.Join("\n", request.Reason.Trim(), request.IdentityId?.ToString("D") ?? "", request.DisableIdentity, request.IncludeManual,
            string.Join(",", request.CredentialIds.Distinct().Order().Select(c => c.ToString("D"))));
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
    }

    private static async Task<Ok<RevocationRunSummary>> GetAsync(Guid id, IRevocationRunQueries runs, CancellationToken ct) =>
        TypedResults.Ok(await runs.GetSummaryAsync(id, ct));

    private static async Task<Ok<ApiPage<RevocationStepView>>> StepsAsync(Guid id, IRevocationRunQueries runs, int? limit, string? cursor, CancellationToken ct)
    {
        var take = ApiCursor.Limit(limit);
        var page = await runs.GetStepsAsync(id, ApiCursor.DecodeSequence(cursor), take, ct);
        return TypedResults.Ok(ApiPage<RevocationStepView>.Of(page.Rows, take, r => ApiCursor.Encode(r.Id)));
    }

    /// <summary>One run id per client and key: the starter finds a run with this id instead of starting another.</summary>
    public static Guid RunIdFor(string subject, string key)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"nhiportal-idempotency\n{subject}\n{key}"));
        // A version-8 (custom) UUID, RFC 9562: the hash with the version and variant bits set.
        hash[6] = (byte)((hash[6] & 0x0F) | 0x80);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash.AsSpan(0, 16), bigEndian: true);
    }

    private static async Task<RevocationRunSummary?> ExistingAsync(IRevocationRunQueries runs, Guid runId, CancellationToken ct)
    {
        try
        {
            return await runs.GetSummaryAsync(runId, ct);
        }
        catch (NotFoundException)
        {
            return null;
        }
    }
}
