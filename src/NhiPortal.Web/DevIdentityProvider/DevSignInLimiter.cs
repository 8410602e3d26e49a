using System.Threading.RateLimiting;
using NhiPortal.Web.Hosting;

namespace NhiPortal.Web.DevIdentityProvider;

/// <summary>
/// Sign-in attempts on the development provider's login form, per client address and user name: the user name is
/// only known once the form is read, after the rate-limiting middleware has run, so the handler asks here.
/// </summary>
public sealed class DevSignInLimiter(RateLimitSettings settings) : IDisposable
{
    private const int MaxUserNameInKey = 64;

    private readonly PartitionedRateLimiter<string> _limiter = PartitionedRateLimiter.Create<string, string>(
        key => RateLimitPartition.GetFixedWindowLimiter(key, _ => settings.DevSignIn.ToOptions()));

    public RateLimitLease Attempt(HttpContext http, string? userName)
    {
        var name = (userName ?? "").Trim().ToLowerInvariant();
        var key = $"{http.Connection.RemoteIpAddress}|{(name.Length > MaxUserNameInKey ? name[..MaxUserNameInKey] : name)}";
        return _limiter.AttemptAcquire(key);
    }

    public void Dispose() => _limiter.Dispose();
}
