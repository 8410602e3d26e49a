namespace NhiPortal.Core.Discovery;

/// <summary>One entry a source returned that could not be read: its id where known, and why (never a value from it).</summary>
public sealed record ObjectError(string? ExternalId, string Message);
