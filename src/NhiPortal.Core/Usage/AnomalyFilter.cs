namespace NhiPortal.Core.Usage;

public sealed record AnomalyFilter
{
    public AnomalyStatus? Status { get; init; }
    public AnomalySeverity? Severity { get; init; }
    public AnomalyRule? Rule { get; init; }
    public Guid? IdentityId { get; init; }
    public Guid? CredentialId { get; init; }
}
