using System.Diagnostics;
using System.Text;
using NhiPortal.Tests.Shared;

namespace NhiPortal.E2E.Tests.Http;

/// <summary>
/// A portal process of a test's own, with its own SQLite file the test may change behind the portal's back (the
/// shared <see cref="PortalHost"/> must not see such changes).
/// </summary>
public sealed class PortalProcess(string? bin = null) : IAsyncDisposable
{
    private readonly StringBuilder _output = new();
    private readonly string _directory = System.IO.Directory.CreateTempSubdirectory("nhiportal-own-").FullName;
    private Process? _process;

    public string BaseUrl { get; } = $"http://127.0.0.1:{TestPorts.Free()}";

    public string DatabasePath => Path.Combine(_directory, "portal.db");

    public string DataDirectory => _directory;

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>The environment every start gets: this process's address and database file.</summary>
    public Dictionary<string, string> Environment(string environmentName) => new()
    {
        ["ASPNETCORE_ENVIRONMENT"] = environmentName,
        ["ASPNETCORE_URLS"] = BaseUrl,
        ["ConnectionStrings__NhiPortal"] = $"Data Source={DatabasePath}",
        ["Notifications__Enabled"] = "false",
    };

    /// <summary>Starts the portal and waits until <c>/health</c> answers, or fails with its output if it exits first.</summary>
    public async Task StartAsync(IReadOnlyDictionary<string, string> environment)
    {
        _process = PortalHost.Start(environment, _output, bin: bin);
        await PortalHost.WaitUntilHealthyAsync(_process, BaseUrl, () => Output);
    }

    /// <summary>Starts the portal expecting it to refuse: returns its exit code once it has exited.</summary>
    public Task<int> StartExpectingExitAsync(IReadOnlyDictionary<string, string> environment) => RunAsync(environment);

    /// <summary>Runs the portal with <paramref name="arguments"/> (a command such as <c>migrate</c>) to its exit; returns the exit code.</summary>
    public async Task<int> RunAsync(IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        _process = PortalHost.Start(environment, _output, arguments, bin);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            Assert.Fail($"The portal kept running:\n{Output}");
        }
        return _process.ExitCode;
    }

    /// <summary>The running process's id (what the portal's job and run holders name it by).</summary>
    public int? ProcessId => _process?.Id;

    /// <summary>Stops the portal and keeps its files, so a test can start it again on the same database.</summary>
    public void Stop()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }
        _process?.Dispose();
        _process = null;
        lock (_output)
        {
            _output.Clear();
        }
    }

    public ValueTask DisposeAsync()
    {
        Stop();
        try
        {
            System.IO.Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // Left to the OS temp cleaner.
        }
        return ValueTask.CompletedTask;
    }
}
