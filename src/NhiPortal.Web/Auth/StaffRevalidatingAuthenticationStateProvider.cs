using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using NhiPortal.Infrastructure.Access;

namespace NhiPortal.Web.Auth;

/// <summary>
/// A Blazor circuit holds the principal it started with and sends no more cookies: it checks the staff directory every
/// <see cref="SessionSettings.RevalidateInterval"/>, and someone marked as left is signed out of the circuit.
/// </summary>
public sealed class StaffRevalidatingAuthenticationStateProvider(
    ILoggerFactory loggerFactory, DepartedStaffCheck departed, IStaffDirectoryStanding directory, SessionSettings settings)
    : RevalidatingServerAuthenticationStateProvider(loggerFactory)
{
    protected override TimeSpan RevalidationInterval => settings.RevalidateInterval;

    protected override async Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken)
    {
        var user = PortalClaims.ToPortalUser(authenticationState.User);
        if (!user.IsAuthenticated || !await departed.HasLeftAsync(user.Subject, cancellationToken))
        {
            return true;
        }
        await directory.RecordSessionRefusedAsync(user, "open page", cancellationToken);
        return false;
    }
}
