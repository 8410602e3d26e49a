using NhiPortal.Core.Inventory;

namespace NhiPortal.Core.Reviews;

/// <summary>
/// <c>Reviews:SeparationOfDuties</c>: an NHI at or above <see cref="MinimumPrivilege"/> is critical, and a critical NHI's
/// owner is never its only reviewer. When <see cref="Required"/>, every campaign gets a second stage for critical NHIs
/// (a campaign's creator may also ask for it); a later stage is never decided by anyone who reviewed an earlier one,
/// nor, for a critical NHI, by its owner.
/// </summary>
public sealed record SeparationOfDutiesPolicy
{
    public bool Required { get; init; }

    public PrivilegeLevel MinimumPrivilege { get; init; } = PrivilegeLevel.Critical;

    public bool IsCritical(PrivilegeLevel privilege) => privilege >= MinimumPrivilege;
}
