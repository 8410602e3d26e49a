using Microsoft.Extensions.Logging;
using NhiPortal.Web.Auth;

namespace NhiPortal.Web.Tests.Auth;

public class UnmappedRoleLogTests
{
    private sealed class ListLogger : ILogger<UnmappedRoleLog>
    {
        public List<(LogLevel Level, string Message)> Entries { get; } = [];

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Entries.Add((logLevel, formatter(state, exception)));
    }

    [Fact]
    public void Report_EachValueOnce_AtWarning_WithControlCharactersEscaped()
    {
        var logger = new ListLogger();
        var log = new UnmappedRoleLog(logger);

        log.Report(["everyone", "Domain Users"]);
        log.Report(["everyone", "evil\nforged line"]);

        Assert.Equal(3, logger.Entries.Count);
        Assert.All(logger.Entries, e => Assert.Equal(LogLevel.Warning, e.Level));
        Assert.Contains("everyone", logger.Entries[0].Message, StringComparison.Ordinal);
        Assert.Contains("evil\\u000aforged line", logger.Entries[2].Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', logger.Entries[2].Message);
    }
}
