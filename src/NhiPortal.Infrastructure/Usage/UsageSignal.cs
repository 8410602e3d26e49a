namespace NhiPortal.Infrastructure.Usage;

/// <summary>Wakes this instance's evaluator when ingest committed new use, so detection follows ingest within seconds.</summary>
public sealed class UsageSignal : Outbox.WakeUpSignal;
