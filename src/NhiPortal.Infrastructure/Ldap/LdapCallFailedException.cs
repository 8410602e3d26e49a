namespace NhiPortal.Infrastructure.Ldap;

/// <summary>A bind, search or modify that failed as a whole; the message names the server, the bind DN and the reason, never a password.</summary>
internal sealed class LdapCallFailedException(string message, Exception? inner = null) : Exception(message, inner);
