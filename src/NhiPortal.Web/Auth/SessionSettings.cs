namespace NhiPortal.Web.Auth;

/// <summary>
/// <c>Authentication:Session</c>: how long a portal session lasts, sliding and at most, and how soon a departure in the
/// staff directory reaches open sessions.
/// </summary>
public sealed record SessionSettings(TimeSpan SlidingLifetime, TimeSpan AbsoluteLifetime)
{
    public const string Section = "Authentication:Session";

    /// <summary>How often an open Blazor circuit checks the staff directory again.</summary>
    public TimeSpan RevalidateInterval { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>How long one directory answer per person is reused (a page load is many requests, not many queries).</summary>
    public TimeSpan DirectoryCacheDuration { get; init; } = TimeSpan.FromSeconds(30);

    public static SessionSettings FromConfiguration(IConfiguration configuration)
    {
        var section = configuration.GetSection(Section);
        var sliding = section.GetValue("SlidingHours", 8.0);
        var absolute = section.GetValue("AbsoluteHours", 12.0);
        if (sliding <= 0 || absolute <= 0)
        {
            throw new InvalidOperationException($"{Section}:SlidingHours and {Section}:AbsoluteHours must be positive.");
        }
        var revalidate = section.GetValue("RevalidateSeconds", 60.0);
        var cache = section.GetValue("DirectoryCacheSeconds", 30.0);
        if (revalidate <= 0 || cache < 0)
        {
            throw new InvalidOperationException($"{Section}:RevalidateSeconds must be positive and {Section}:DirectoryCacheSeconds not negative.");
        }
        return new SessionSettings(TimeSpan.FromHours(sliding), TimeSpan.FromHours(absolute))
        {
            RevalidateInterval = TimeSpan.FromSeconds(revalidate),
            DirectoryCacheDuration = TimeSpan.FromSeconds(cache),
        };
    }
}
