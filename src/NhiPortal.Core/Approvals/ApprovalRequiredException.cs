namespace NhiPortal.Core.Approvals;

/// <summary>The change needs a second person's approval: nothing was done; ask for approval instead.</summary>
public sealed class ApprovalRequiredException(string message) : Exception(message);
