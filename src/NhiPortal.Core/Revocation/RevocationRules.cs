using NhiPortal.Core.Common;

namespace NhiPortal.Core.Revocation;

/// <summary>Validation rules of a request, without a database: checked once, before anything is written.</summary>
public static class RevocationRules
{
    public const int MaxCredentialsPerRun = 200_000;

    public const string ReasonAsk = "Give the incident id and a reason";

    public static string? Validate(RevocationRequest request)
    {
        if (Reasons.Problem(request.Reason, ReasonAsk) is { } problem)
        {
            return problem;
        }
        if (request.CredentialIds.Count == 0 && request.IdentityId is null)
        {
            return "Choose at least one credential or an identity.";
        }
        if ((request.DisableIdentity || request.DecommissionIdentity) && request.IdentityId is null)
        {
            return "Disabling or decommissioning needs the identity.";
        }
        if (request.CredentialIds.Count > MaxCredentialsPerRun)
        {
            return $"At most {MaxCredentialsPerRun:N0} credentials per run.";
        }
        return null;
    }

    /// <summary>
    /// The reason of a run a review starts: who decided what in which campaign, then as much of the justification as
    /// fits. Always valid, so a decision never commits with a reason its run would refuse.
    /// </summary>
    public static string ForReview(string campaignName, string outcome, string? justification)
    {
        var head = $"Access review \"{campaignName}\": {outcome}";
        return string.IsNullOrWhiteSpace(justification) ? head : Reasons.Fit($"{head}. {justification.Trim()}", Reasons.Maximum);
    }
}
