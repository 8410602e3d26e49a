namespace NhiPortal.Web.DevIdentityProvider;

/// <summary>
/// The development realm's login events, as Keycloak's event store keeps them: one CLIENT_LOGIN per client-credentials
/// token issued, with the caller's address. In memory, for the life of the process.
/// </summary>
public sealed class DevRealmEvents
{
    private readonly List<DevRealmEvent> _events = [];

    public void Add(DevRealmEvent e)
    {
        lock (_events)
        {
            _events.Add(e);
        }
    }

    public IReadOnlyList<DevRealmEvent> Snapshot()
    {
        lock (_events)
        {
            return _events.ToList();
        }
    }
}
