namespace NhiPortal.Core.Discovery;

/// <summary>One field a source reported differently from last time, as the "observed in" event records it.</summary>
public sealed record ObservedChange(string Field, string? Before, string? After);
