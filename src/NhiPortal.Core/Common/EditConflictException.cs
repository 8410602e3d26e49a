namespace NhiPortal.Core.Common;

/// <summary>
/// An edit made from a form that showed an older version than the one stored: nothing was saved, and the message
/// names who changed it and when, so the second person sees the first person's change instead of overwriting it.
/// </summary>
public sealed class EditConflictException(string message) : Exception(message);
