namespace NhiPortal.Infrastructure.Discovery;

/// <summary>Wakes this instance's discovery job when someone asks for a sync here.</summary>
public sealed class DiscoverySignal : Outbox.WakeUpSignal;
