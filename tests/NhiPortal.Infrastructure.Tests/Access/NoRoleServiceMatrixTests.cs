using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NhiPortal.Core.Access;
using NhiPortal.Core.Notifications;
using NhiPortal.Core.Reviews;

namespace NhiPortal.Infrastructure.Tests.Access;

/// <summary>
/// The no-access rule covers every service: each Core service interface the portal registers, resolved as a
/// signed-in person with no role, refuses every one of its methods. Interfaces and methods are found by reflection,
/// so a new one cannot be forgotten.
/// </summary>
public class NoRoleServiceMatrixTests(SeededDatabaseFixture fixture) : IClassFixture<SeededDatabaseFixture>
{
    /// <summary>Core interfaces that are not services a person calls, each with why.</summary>
    private static readonly Dictionary<Type, string> NotCallerServices = new()
    {
        [typeof(ICurrentUser)] = "it is the caller itself",
        [typeof(ISignInRecorder)] = "it records every sign-in, a no-role person's included: that is how the refusal is audited",
        [typeof(IEmailSender)] = "plumbing under the notification job; no caller",
        [typeof(Core.Revocation.IConnectorRegistry)] = "configuration read by the revocation run; no caller",
        [typeof(Core.Revocation.IRevocationRunEvents)] = "in-process notices that a run changed, carrying only its id; the page re-reads through IRevocationRunQueries, which checks the caller",
        [typeof(Core.Usage.IUsageIngest)] = "fed by discovery syncs and the API's batch endpoint, which authorise their own callers; no person calls it",
    };

    public static TheoryData<string> ServiceMethods()
    {
        var data = new TheoryData<string>();
        foreach (var (service, method) in CallerServiceMethods())
        {
            data.Add($"{service.Name}.{method.Name}({string.Join(", ", method.GetParameters().Select(p => p.ParameterType.Name))})");
        }
        return data;
    }

    private static IEnumerable<(Type Service, MethodInfo Method)> CallerServiceMethods()
    {
        using var portal = new ProbePortal();
        return typeof(PortalUser).Assembly.GetExportedTypes()
            .Where(t => t.IsInterface && !NotCallerServices.ContainsKey(t) && portal.Resolves(t))
            .OrderBy(t => t.Name, StringComparer.Ordinal)
            .SelectMany(t => t.GetMethods().Where(m => !m.IsSpecialName).OrderBy(m => m.ToString(), StringComparer.Ordinal).Select(m => (t, m)))
            .ToList();
    }

    [Fact]
    public void TheMatrixFindsTheServices()
    {
        var services = CallerServiceMethods().Select(s => s.Service).Distinct().ToList();
        // A sanity floor: if resolution broke, the theory below would pass on nothing.
        Assert.Contains(typeof(INotificationInbox), services);
        Assert.Contains(typeof(IReviewQueue), services);
        Assert.True(services.Count >= 14, string.Join(", ", services.Select(s => s.Name)));
    }

    [Theory]
    [MemberData(nameof(ServiceMethods))]
    public async Task EveryServiceMethod_RefusesAPersonWithNoRole(string signature)
    {
        var portal = TestPortal.For(fixture.Database);
        var (service, method) = CallerServiceMethods().Single(s =>
            $"{s.Service.Name}.{s.Method.Name}({string.Join(", ", s.Method.GetParameters().Select(p => p.ParameterType.Name))})" == signature);
        var instance = typeof(TestPortal).GetMethod(nameof(TestPortal.As), [typeof(PortalUser)])!.MakeGenericMethod(service)
            .Invoke(portal, [FixedCurrentUser.Person("demo-visitor")])!;

        var thrown = await Record.ExceptionAsync(() => InvokeAsync(instance, method));

        Assert.True(thrown is AccessDeniedException, $"{signature} as a person with no role: expected AccessDeniedException, got {thrown?.GetType().Name ?? "no exception"}: {thrown?.Message}");
    }

    [Fact]
    public async Task ThePersonWithNoRole_HasRealNotifications_ThatTheInboxStillRefusesToShow()
    {
        var database = fixture.Database;
        var portal = TestPortal.For(database);
        Guid visitorId;
        await using (var db = database.CreateDbContext())
        {
            visitorId = await db.StaffMembers.Where(s => s.Subject == "demo-visitor").Select(s => s.Id).SingleAsync();
            db.Notifications.Add(new Notification
            {
                RecipientId = visitorId, Kind = NotificationKinds.CredentialExpiring, Title = "svc-ledger-01 expires in 7 days", Body = "vault:kv/ledger",
                DedupKey = "test-visitor", CreatedUtc = database.Clock.GetUtcNow().UtcDateTime,
            });
            await db.SaveChangesAsync();
        }
        var inbox = portal.As<INotificationInbox>(FixedCurrentUser.Person("demo-visitor"));

        await Assert.ThrowsAsync<AccessDeniedException>(() => inbox.GetMineAsync(unreadOnly: false));
        await Assert.ThrowsAsync<AccessDeniedException>(() => inbox.CountUnreadAsync());
        // The same person with a role reads them: the refusal is the role, not the data.
        Assert.Contains(await portal.As<INotificationInbox>(FixedCurrentUser.Person("demo-visitor", PortalRole.Reviewer)).GetMineAsync(unreadOnly: false),
            n => n.Title == "svc-ledger-01 expires in 7 days");
    }

    private static async Task InvokeAsync(object instance, MethodInfo method)
    {
        var arguments = method.GetParameters().Select(p => p.HasDefaultValue ? p.DefaultValue : DummyArguments.For(p.ParameterType)).ToArray();
        object? result;
        try
        {
            result = method.Invoke(instance, arguments);
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            throw e.InnerException;
        }
        switch (result)
        {
            case Task task:
                await task;
                break;
            case not null when result.GetType().GetInterfaces().FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IAsyncEnumerable<>)) is { } stream:
                var enumerator = stream.GetMethod(nameof(IAsyncEnumerable<int>.GetAsyncEnumerator))!.Invoke(result, [CancellationToken.None])!;
                await (ValueTask<bool>)enumerator.GetType().GetMethod("MoveNextAsync")!.Invoke(enumerator, null)!;
                break;
        }
    }

    /// <summary>Resolves services without a database, only to list which Core interfaces the portal registers.</summary>
    private sealed class ProbePortal : IDisposable
    {
        private readonly TestDatabase _database = new();
        private readonly TestPortal _portal;

        public ProbePortal() => _portal = new TestPortal(_database);

        public bool Resolves(Type type)
        {
            using var scope = _portal.Services.CreateScope();
            return scope.ServiceProvider.GetService(type) is not null;
        }

        public void Dispose()
        {
            _portal.DisposeAsync().AsTask().GetAwaiter().GetResult();
            _database.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }
}
