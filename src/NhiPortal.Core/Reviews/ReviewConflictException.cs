namespace NhiPortal.Core.Reviews;

public sealed class ReviewConflictException(string message) : Exception(message);
