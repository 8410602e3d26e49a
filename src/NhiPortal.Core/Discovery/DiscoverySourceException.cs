namespace NhiPortal.Core.Discovery;

/// <summary>A source that could not be read as a whole: the message says what failed, for the Sources page.</summary>
public sealed class DiscoverySourceException(string message, Exception? inner = null) : Exception(message, inner);
