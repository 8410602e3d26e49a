namespace NhiPortal.Core.Outbox;

/// <summary><see cref="FollowUpTypes.DepartureReview"/>: the NHIs a leaver owned, reviewed within 72 hours; the campaign takes the follow-up's id.</summary>
public sealed record DepartureReviewPayload(Guid LeaverId, string LeaverName, IReadOnlyList<Guid> IdentityIds, string MarkedBy);
