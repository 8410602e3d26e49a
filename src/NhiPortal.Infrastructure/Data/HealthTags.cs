namespace NhiPortal.Infrastructure.Data;

/// <summary>Tags of the portal's health checks: <see cref="Ready"/> ones decide <c>/health/ready</c>.</summary>
public static class HealthTags
{
    public const string Ready = "ready";
}
