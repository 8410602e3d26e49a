namespace NhiPortal.Web.Api;

/// <summary>A valid token from a client the portal does not accept (unregistered, disabled, revoked, ownerless).</summary>
public sealed class ApiRefusalException(string message) : Exception(message);
