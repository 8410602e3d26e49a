namespace NhiPortal.Core.Discovery;

/// <summary>A person and their line manager as a directory source names them, both by email (how staff are matched).</summary>
public sealed record ManagerLink(string PersonEmail, string ManagerEmail);
