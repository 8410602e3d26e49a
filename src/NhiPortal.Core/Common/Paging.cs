namespace NhiPortal.Core.Common;

/// <summary>One page of a server-side grid: its rows and how many match the filter in all.</summary>
public sealed record Page<T>(IReadOnlyList<T> Rows, int TotalCount);

public sealed record PageRequest(int Skip = 0, int Take = 50, string? SortBy = null, bool Descending = false)
{
    public const int MaxTake = 500;

    public int SafeSkip => Math.Max(0, Skip);

    public int SafeTake => Math.Clamp(Take, 1, MaxTake);
}

/// <summary>A caller asked for something that does not exist (or that they may not know exists).</summary>
public sealed class NotFoundException(string what) : Exception($"{what} was not found.");

/// <summary>Input that fails validation: the message says what to fix; nothing was written.</summary>
public sealed class ValidationException(string message) : Exception(message);

/// <summary>
/// A recorded reason (an incident id, a justification, a note) must say something: at least <see cref="Minimum"/>
/// characters once trimmed. One rule for every change the audit log explains.
/// </summary>
public static class Reasons
{
    public const int Minimum = 5;

    public static bool IsGiven(string? text) => text is not null && text.Trim().Length >= Minimum;
}
