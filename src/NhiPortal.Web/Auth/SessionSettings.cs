namespace NhiPortal.Web.Auth;

/// <summary><c>Authentication:Session</c>: how long a portal session lasts, sliding and at most.</summary>
public sealed record SessionSettings(TimeSpan SlidingLifetime, TimeSpan AbsoluteLifetime)
{
    public const string Section = "Authentication:Session";

    public static SessionSettings FromConfiguration(IConfiguration configuration)
    {
        var section = configuration.GetSection(Section);
        var sliding = section.GetValue("SlidingHours", 8.0);
        var absolute = section.GetValue("AbsoluteHours", 12.0);
        if (sliding <= 0 || absolute <= 0)
        {
            throw new InvalidOperationException($"{Section}:SlidingHours and {Section}:AbsoluteHours must be positive.");
        }
        return new SessionSettings(TimeSpan.FromHours(sliding), TimeSpan.FromHours(absolute));
    }
}
