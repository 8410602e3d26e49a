using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Time.Testing;
using NhiPortal.Web.Auth;

namespace NhiPortal.Web.Tests.Auth;

public class DepartedStaffCheckTests
{
    private readonly FakeStaffDirectory _directory = new();
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2025, 3, 1, 8, 0, 0, TimeSpan.Zero));
    private readonly DepartedStaffCheck _check;

    public DepartedStaffCheckTests() =>
        _check = new DepartedStaffCheck(_directory, new MemoryCache(new MemoryCacheOptions()), _clock,
            new SessionSettings(TimeSpan.FromHours(8), TimeSpan.FromHours(12)) { DirectoryCacheDuration = TimeSpan.FromSeconds(30) });

    [Fact]
    public async Task HasLeft_WithinTheCacheDuration_AsksTheDirectoryOnce()
    {
        for (var i = 0; i < 20; i++)
        {
            Assert.False(await _check.HasLeftAsync("s1"));
            _clock.Advance(TimeSpan.FromSeconds(1));
        }

        Assert.Equal(1, _directory.Queries);
    }

    [Fact]
    public async Task HasLeft_ADepartureIsSeenOnceTheCachedAnswerIsOlderThanTheDuration()
    {
        Assert.False(await _check.HasLeftAsync("s1"));
        _directory.Left["s1"] = true;

        _clock.Advance(TimeSpan.FromSeconds(29));
        Assert.False(await _check.HasLeftAsync("s1"));
        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.True(await _check.HasLeftAsync("s1"));
    }

    [Fact]
    public async Task Refresh_IgnoresTheCache_AndUpdatesIt()
    {
        Assert.False(await _check.HasLeftAsync("s1"));
        _directory.Left["s1"] = true;

        Assert.True(await _check.RefreshAsync("s1"));
        Assert.True(await _check.HasLeftAsync("s1"));
        Assert.Equal(2, _directory.Queries);
    }

    [Fact]
    public async Task HasLeft_IsPerSubject()
    {
        _directory.Left["gone"] = true;

        Assert.True(await _check.HasLeftAsync("gone"));
        Assert.False(await _check.HasLeftAsync("still-here"));
    }
}
