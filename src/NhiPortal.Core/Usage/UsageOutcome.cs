namespace NhiPortal.Core.Usage;

public enum UsageOutcome
{
    Succeeded,
    Refused,
}
