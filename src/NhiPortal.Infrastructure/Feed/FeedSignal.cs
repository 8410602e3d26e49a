using NhiPortal.Infrastructure.Outbox;

namespace NhiPortal.Infrastructure.Feed;

/// <summary>Wakes this instance's feed job early when a destination was added, changed or replayed here.</summary>
public sealed class FeedSignal : WakeUpSignal;
