namespace NhiPortal.Web.Api;

/// <summary>
/// <c>Authentication:Api</c>: bearer tokens for <c>/api/v1</c> come from the same authority as staff sign-in
/// (client credentials), for this audience; <see cref="ClientStore"/> names the store whose credentials are the IdP's
/// clients (the OAuth connector or discovery source), where the portal finds the NHI behind each caller.
/// </summary>
public sealed record ApiSettings
{
    public const string Section = "Authentication:Api";

    public string Audience { get; init; } = "nhiportal-api";

    public string? ClientStore { get; init; }

    /// <summary>How long a client's standing (registered, active, owned, credential active) is trusted before it is read again.</summary>
    public TimeSpan StandingCache { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The largest request body accepted on ordinary endpoints; the usage batch has its own.</summary>
    public long MaxBodyBytes { get; init; } = 256 * 1024;

    public long MaxUsageBatchBytes { get; init; } = 8 * 1024 * 1024;

    public static ApiSettings FromConfiguration(IConfiguration configuration, string? defaultClientStore)
    {
        var section = configuration.GetSection(Section);
        return new ApiSettings
        {
            Audience = section["Audience"] is { Length: > 0 } audience ? audience : "nhiportal-api",
            ClientStore = section["ClientStore"] is { Length: > 0 } store ? store : defaultClientStore,
            StandingCache = TimeSpan.FromSeconds(Math.Clamp(section.GetValue("StandingCacheSeconds", 10), 0, 300)),
            MaxBodyBytes = section.GetValue("MaxBodyBytes", 256L * 1024),
            MaxUsageBatchBytes = section.GetValue("MaxUsageBatchBytes", 8L * 1024 * 1024),
        };
    }
}
