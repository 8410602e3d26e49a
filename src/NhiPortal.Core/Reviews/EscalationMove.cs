namespace NhiPortal.Core.Reviews;

/// <summary>
/// Where an escalated item goes: to <see cref="To"/> (null: it stays, nobody further may take it) at chain position
/// <see cref="Step"/>, with the reviewer rule that says why; <see cref="ToPool"/> opens it to every fallback reviewer.
/// </summary>
public sealed record EscalationMove(Guid? To, int Step, string Rule, bool ToPool, string Role);
