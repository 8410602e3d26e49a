namespace NhiPortal.Core.Usage;

public enum AnomalySeverity
{
    Low,
    Medium,
    High,
    Critical,
}
