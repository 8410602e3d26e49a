using System.Security.Cryptography;
using System.Text.Json;
using NhiPortal.Core.Feed;

namespace NhiPortal.Infrastructure.Tests.Feed;

/// <summary>The feed as Standard Webhooks into a local HTTPS receiver that checks every signature itself.</summary>
public class WebhookFeedTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private readonly string _current = NewSecret();
    private readonly string _previous = NewSecret();
    private readonly string _currentVariable = $"NHI_FEED_TEST_{Guid.NewGuid():N}";
    private readonly string _previousVariable = $"NHI_FEED_TEST_{Guid.NewGuid():N}";
    private WebhookReceiver _receiver = null!;

    public async Task InitializeAsync()
    {
        Environment.SetEnvironmentVariable(_currentVariable, _current);
        Environment.SetEnvironmentVariable(_previousVariable, _previous);
        _receiver = await WebhookReceiver.StartAsync();
    }

    public async Task DisposeAsync()
    {
        Environment.SetEnvironmentVariable(_currentVariable, null);
        Environment.SetEnvironmentVariable(_previousVariable, null);
        await _receiver.DisposeAsync();
    }

    private static string NewSecret() => "whsec_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    private FeedDestinationInput Destination(bool rotating = false, bool pin = false) => new()
    {
        Name = "webhook", Kind = FeedKind.Webhook, Address = _receiver.Url,
        CaFile = pin ? null : _receiver.Certificates.CaFile, PinnedThumbprint = pin ? _receiver.Certificates.ServerThumbprint : null,
        SecretVariable = _currentVariable, PreviousSecretVariable = rotating ? _previousVariable : null,
    };

    [Fact]
    public async Task Deliver_SignedWebhooks_ArriveOnePerEventWithTheEventIdAsWebhookId()
    {
        _receiver.AcceptedSecrets = [_current];
        await using var feed = await FeedHarness.CreateAsync();
        await feed.WriteEventsAsync(5);
        var destination = await feed.AddAsync(Destination(pin: true));

        await feed.StartJobAsync();

        var expected = (await feed.AllIdsAsync()).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.True(await feed.WaitForAsync(() => Task.FromResult(expected.All(_receiver.Accepted.ContainsKey)), Patience),
            $"last error: {(await feed.RowAsync(destination.Id)).LastError}");
        Assert.Equal(expected, _receiver.AcceptedInOrder.Where(expected.Contains).ToList());
        using var json = JsonDocument.Parse(_receiver.Accepted[expected[0]]);
        Assert.Equal(expected[0], json.RootElement.GetProperty("metadata").GetProperty("uid").GetString());
        Assert.Equal(0, _receiver.Rejected);
    }

    [Fact]
    public async Task Deliver_DuringRotation_VerifiesWithThePreviousSecretThenWithTheCurrent()
    {
        // The receiver still knows only the previous secret.
        _receiver.AcceptedSecrets = [_previous];
        await using var feed = await FeedHarness.CreateAsync();
        await feed.WriteEventsAsync(2);
        var destination = await feed.AddAsync(Destination(rotating: true));
        await feed.StartJobAsync();
        var firstBatch = await feed.LatestIdAsync();
        Assert.True(await feed.WaitForAsync(() => Task.FromResult(_receiver.Accepted.ContainsKey(firstBatch.ToString(System.Globalization.CultureInfo.InvariantCulture))), Patience),
            $"last error: {(await feed.RowAsync(destination.Id)).LastError}");
        Assert.All(_receiver.SignatureHeaders, h => Assert.Equal(2, h.Split(' ').Length));

        // The receiver moves to the new secret only.
        _receiver.AcceptedSecrets = [_current];
        var last = await feed.WriteEventsAsync(2);

        Assert.True(await feed.WaitForAsync(() => Task.FromResult(_receiver.Accepted.ContainsKey(last.ToString(System.Globalization.CultureInfo.InvariantCulture))), Patience));
        Assert.Equal(0, _receiver.Rejected);
    }

    [Fact]
    public async Task Deliver_BadSignature_IsRejected_AndShowsAsTheLastError()
    {
        _receiver.AcceptedSecrets = [NewSecret()];
        await using var feed = await FeedHarness.CreateAsync();
        await feed.WriteEventsAsync(1);
        var destination = await feed.AddAsync(Destination());

        await feed.StartJobAsync();

        Assert.True(await feed.WaitForAsync(async () => (await feed.RowAsync(destination.Id)).LastError is not null, Patience));
        var row = await feed.RowAsync(destination.Id);
        Assert.Contains("HTTP 401", row.LastError, StringComparison.Ordinal);
        Assert.Equal(0, row.Cursor);
        Assert.Empty(_receiver.Accepted);
        Assert.True(_receiver.Rejected > 0);
        // The secret itself is never in what the portal stored.
        Assert.DoesNotContain(_current[6..], row.LastError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deliver_Receiver503_DelaysThenDeliversEverything()
    {
        _receiver.AcceptedSecrets = [_current];
        _receiver.Unavailable = true;
        await using var feed = await FeedHarness.CreateAsync();
        await feed.WriteEventsAsync(3);
        var destination = await feed.AddAsync(Destination());

        await feed.StartJobAsync();

        Assert.True(await feed.WaitForAsync(async () => (await feed.RowAsync(destination.Id)).LastError?.Contains("HTTP 503", StringComparison.Ordinal) == true, Patience));
        Assert.True((await feed.RowAsync(destination.Id)).Lag > 0);
        _receiver.Unavailable = false;
        var expected = (await feed.AllIdsAsync()).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.True(await feed.WaitForAsync(() => Task.FromResult(expected.All(_receiver.Accepted.ContainsKey)), Patience));
        Assert.True(_receiver.Refused503 > 0);
        Assert.True(await feed.WaitForAsync(async () => (await feed.RowAsync(destination.Id)).LastError is null, Patience));
    }

    [Fact]
    public async Task Deliver_AcrossAPortalRestart_AndAReplay_TheReceiversDedupedSetIsExactlyTheLog()
    {
        _receiver.AcceptedSecrets = [_current];
        await using var feed = await FeedHarness.CreateAsync();
        var destination = await feed.AddAsync(Destination());
        await feed.WriteEventsAsync(5);
        await feed.StartJobAsync();
        var first = await feed.LatestIdAsync();
        Assert.True(await feed.WaitForAsync(async () => (await feed.RowAsync(destination.Id)).Cursor == first, Patience));
        await feed.StopJobAsync();

        await feed.WriteEventsAsync(5);
        await feed.StartJobAsync();
        var last = await feed.LatestIdAsync();
        Assert.True(await feed.WaitForAsync(async () => (await feed.RowAsync(destination.Id)).Cursor == last, Patience));
        // Each POST was acknowledged, so the restart sent nothing twice.
        var all = (await feed.AllIdsAsync()).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(all, _receiver.Deliveries.ToList());

        await feed.Destinations.ReplayAsync(destination.Id, first);
        var withReplay = (await feed.AllIdsAsync()).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.True(await feed.WaitForAsync(() => Task.FromResult(_receiver.Accepted.ContainsKey(withReplay[^1])
            && _receiver.Deliveries.Count(id => id == last.ToString(System.Globalization.CultureInfo.InvariantCulture)) == 2), Patience));
        // The replayed ids arrive again; deduped by webhook-id, the receiver holds every event of the log once.
        Assert.Equal(withReplay.Order(StringComparer.Ordinal), _receiver.Accepted.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(2, _receiver.Deliveries.Count(id => id == first.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal(1, _receiver.Deliveries.Count(id => id == (first - 1).ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal(0, _receiver.Rejected);
    }
}
