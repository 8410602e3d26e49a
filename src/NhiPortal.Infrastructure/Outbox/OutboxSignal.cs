namespace NhiPortal.Infrastructure.Outbox;

/// <summary>Wakes this instance's dispatcher early when a follow-up was written here.</summary>
public sealed class OutboxSignal : WakeUpSignal;
