namespace NhiPortal.Core.Usage;

public enum AnomalyRule
{
    NewSourceNetwork,
    OutsideUsualHours,
    VolumeAboveBaseline,
    DormantThenUsed,
    UseOfRevokedOrExpired,
    UseOfDisabledIdentity,
    ImpossibleTravel,
}
