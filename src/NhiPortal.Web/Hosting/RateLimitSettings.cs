using System.Threading.RateLimiting;

namespace NhiPortal.Web.Hosting;

/// <summary><c>RateLimits</c>: fixed-window limits per person (or per address) on the endpoints worth abusing.</summary>
public sealed record RateLimitSettings(RateLimitSettings.Window Downloads, RateLimitSettings.Window DevSignIn)
{
    public const string Section = "RateLimits";

    /// <summary>At most <paramref name="PermitLimit"/> requests per <paramref name="WindowSeconds"/> seconds.</summary>
    public sealed record Window(int PermitLimit, int WindowSeconds)
    {
        public FixedWindowRateLimiterOptions ToOptions() => new()
        {
            PermitLimit = PermitLimit,
            Window = TimeSpan.FromSeconds(WindowSeconds),
            QueueLimit = 0,
            AutoReplenishment = true,
        };
    }

    public static RateLimitSettings FromConfiguration(IConfiguration configuration)
    {
        Window Read(string name, int permits, int seconds)
        {
            var section = configuration.GetSection($"{Section}:{name}");
            var window = new Window(section.GetValue("PermitLimit", permits), section.GetValue("WindowSeconds", seconds));
            if (window.PermitLimit <= 0 || window.WindowSeconds <= 0)
            {
                throw new InvalidOperationException($"{Section}:{name}:PermitLimit and WindowSeconds must be positive.");
            }
            return window;
        }
        return new RateLimitSettings(Read("Downloads", 60, 60), Read("DevSignIn", 20, 60));
    }
}
