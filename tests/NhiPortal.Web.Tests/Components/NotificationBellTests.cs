using Bunit;
using Microsoft.Extensions.DependencyInjection;
using NhiPortal.Core.Access;
using NhiPortal.Core.Notifications;
using NhiPortal.Web.Components.Layout;

namespace NhiPortal.Web.Tests.Components;

public class NotificationBellTests : NhiBunitContext
{
    /// <summary>An inbox with unread items whatever the caller: the component alone must keep them from a person without a role.</summary>
    private sealed class FullInbox : INotificationInbox
    {
        public int Calls { get; private set; }

        public Task<IReadOnlyList<NotificationRow>> GetMineAsync(bool unreadOnly, int take = 50, CancellationToken ct = default)
        {
            Calls++;
            return Task.FromResult<IReadOnlyList<NotificationRow>>([new NotificationRow(1, NotificationKinds.ReviewAssigned, "38 NHI(s) to review", "", null, DateTime.UtcNow, false)]);
        }

        public Task<int> CountUnreadAsync(CancellationToken ct = default)
        {
            Calls++;
            return Task.FromResult(38);
        }

        public Task MarkReadAsync(long id, CancellationToken ct = default) => Task.CompletedTask;

        public Task<int> MarkAllReadAsync(CancellationToken ct = default) => Task.FromResult(0);
    }

    [Fact]
    public void ThePersonWithNoRole_GetsNoBell_AndTheInboxIsNotAsked()
    {
        var inbox = new FullInbox();
        Services.AddSingleton<INotificationInbox>(inbox);
        SignInAs("Vic Visitor");

        var menu = Render<UserMenu>();

        Assert.Empty(menu.FindAll("[data-testid=notification-bell]"));
        // Neither the unread count nor a notification's text (element references are random GUIDs: "38" alone can be in one).
        Assert.DoesNotMatch(@"\b38 (unread|NHI)|>38<", menu.Markup);
        Assert.Equal(0, inbox.Calls);
        // Still signed in: the name and the sign-out button stay.
        Assert.NotEmpty(menu.FindAll("#sign-out"));
    }

    [Fact]
    public void APersonWithARole_SeesTheBellWithTheirUnreadCount()
    {
        Services.AddSingleton<INotificationInbox>(new FullInbox());
        SignInAs("Riley", PortalRole.Reviewer);

        var menu = Render<UserMenu>();

        Assert.Contains("38 unread", menu.Find("[data-testid=notification-bell]").GetAttribute("aria-label"), StringComparison.Ordinal);
    }
}
