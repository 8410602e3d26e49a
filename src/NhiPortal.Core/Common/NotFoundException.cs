namespace NhiPortal.Core.Common;

/// <summary>A caller asked for something that does not exist (or that they may not know exists).</summary>
public sealed class NotFoundException(string what) : Exception($"{what} was not found.");
