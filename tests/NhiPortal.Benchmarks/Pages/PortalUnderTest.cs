using System.Diagnostics;
using System.Net;
using System.Text;

namespace NhiPortal.Benchmarks.Pages;

/// <summary>
/// The built portal (Release) as its own process on a loopback port and a given SQLite file, in Development (the
/// built-in IdP and its demo accounts): what a person gets from the README's run command pointed at a large file.
/// </summary>
internal sealed class PortalUnderTest : IAsyncDisposable
{
    private readonly StringBuilder _output = new();
    private readonly Process _process;
    private readonly string _directory;

    private PortalUnderTest(Process process, string baseUrl, string directory)
    {
        _process = process;
        BaseUrl = baseUrl;
        _directory = directory;
    }

    public string BaseUrl { get; }

    public int ProcessId => _process.Id;

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

    /// <summary>Starts the portal on <paramref name="databasePath"/> and returns once the process is started (not yet healthy).</summary>
    public static PortalUnderTest Start(string databasePath, IReadOnlyDictionary<string, string>? extra = null)
    {
        var bin = Path.Combine(RepositoryRoot(), "src", "NhiPortal.Web", "bin", "Release", "net10.0");
        var dll = Path.Combine(bin, "NhiPortal.Web.dll");
        if (!File.Exists(dll))
        {
            throw new FileNotFoundException($"Build the solution in Release first: {dll} is missing.");
        }
        var directory = Directory.CreateTempSubdirectory("nhiportal-bench-pages-").FullName;
        var baseUrl = $"http://127.0.0.1:{NhiPortal.Tests.Shared.TestPorts.Free()}";
        var start = new ProcessStartInfo("dotnet", [dll])
        {
            WorkingDirectory = bin,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["ASPNETCORE_URLS"] = baseUrl;
        start.Environment["ConnectionStrings__NhiPortal"] = $"Data Source={Path.GetFullPath(databasePath)}";
        start.Environment["Audit__HeadsFile"] = Path.Combine(directory, "audit-heads.jsonl");
        start.Environment["Notifications__Enabled"] = "false";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        if (Environment.GetEnvironmentVariable("NHI_BENCH_SQL_LOG") == "1")
        {
            // Every command with its duration, for SlowestCommands.
            start.Environment["Logging__LogLevel__Microsoft.EntityFrameworkCore.Database.Command"] = "Information";
        }
        foreach (var (key, value) in extra ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }
        var process = new Process { StartInfo = start };
        var portal = new PortalUnderTest(process, baseUrl, directory);
        process.OutputDataReceived += (_, e) => portal.Append(e.Data);
        process.ErrorDataReceived += (_, e) => portal.Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return portal;
    }

    public async Task WaitUntilHealthyAsync(TimeSpan patience)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + patience;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The portal exited with {_process.ExitCode}:\n{Output}");
            }
            try
            {
                if ((await http.GetAsync($"{BaseUrl}/health")).StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet, or still migrating.
            }
            await Task.Delay(100);
        }
        throw new TimeoutException($"The portal did not answer /health within {patience.TotalSeconds:N0} s:\n{Output}");
    }

    /// <summary>The portal process's working set in MiB, read from /proc (what the OS holds for it).</summary>
    public double WorkingSetMiB()
    {
        _process.Refresh();
        return _process.WorkingSet64 / 1024.0 / 1024.0;
    }

    /// <summary>The slowest database commands the portal logged (with NHI_BENCH_SQL_LOG=1), their time and first lines.</summary>
    public IEnumerable<string> SlowestCommands(int count)
    {
        var lines = Output.Split('\n');
        var found = new List<(int Ms, string Text)>();
        for (var i = 0; i < lines.Length; i++)
        {
            var match = System.Text.RegularExpressions.Regex.Match(lines[i], @"Executed DbCommand \(([0-9,]+)ms\)");
            if (match.Success)
            {
                found.Add((int.Parse(match.Groups[1].Value.Replace(",", "", StringComparison.Ordinal), System.Globalization.CultureInfo.InvariantCulture),
                    string.Join(" ", lines.Skip(i + 1).Take(8).Select(l => l.Trim()).TakeWhile(l => !l.StartsWith("info:", StringComparison.Ordinal)))));
            }
        }
        return found.OrderByDescending(f => f.Ms).Take(count).Select(f => $"{f.Ms,7:N0} ms  {f.Text[..Math.Min(f.Text.Length, 400)]}");
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
        if (Environment.GetEnvironmentVariable("NHI_BENCH_PORTAL_LOG") is { Length: > 0 } log)
        {
            await File.WriteAllTextAsync(log, Output);
        }
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // The temp cleaner gets it.
        }
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "NhiPortal.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("NhiPortal.sln not found above the benchmark binaries.");
    }
}
