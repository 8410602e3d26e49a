namespace NhiPortal.Core.Reviews;

/// <summary>Who reviews in a campaign's stage.</summary>
public enum ReviewStageKind
{
    /// <summary>The identity's owner; the team lead when the owner cannot; then the fallback.</summary>
    Owner,

    /// <summary>The identity's team lead; the fallback when there is none.</summary>
    TeamLead,

    /// <summary>One named person, e.g. the security team's reviewer.</summary>
    Named,
}
