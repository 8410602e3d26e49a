
namespace NhiPortal.Core.Revocation;

/// <summary>
/// A revoke's outcome. <see cref="Retryable"/> false: trying again cannot help (the target is not found, or the connector
/// refuses it as outside what it may manage), so the step needs a person rather than another attempt.
/// </summary>
public sealed record ConnectorResult(bool Succeeded, string Detail, bool Retryable = true)
{
    public static ConnectorResult Ok(string detail) => new(true, detail);
    public static ConnectorResult Failed(string detail) => new(false, detail);

    /// <summary>A failure another attempt cannot fix: not found, or refused.</summary>
    public static ConnectorResult Final(string detail) => new(false, detail, Retryable: false);
}
