namespace NhiPortal.Core.Common;

/// <summary>Input that fails validation: the message says what to fix; nothing was written.</summary>
public sealed class ValidationException(string message) : Exception(message);
