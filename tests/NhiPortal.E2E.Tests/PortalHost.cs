using System.Diagnostics;
using System.Net;
using System.Text;
using NhiPortal.Tests.Shared;

namespace NhiPortal.E2E.Tests;

/// <summary>
/// The real portal, started as its own process on a free loopback port with a fresh SQLite file, the built-in
/// development identity provider and demo data: exactly what the README's run command gives a new user.
/// </summary>
public class PortalHost : IAsyncLifetime
{
    private readonly StringBuilder _output = new();
    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("nhiportal-e2e-").FullName;
    private Process? _process;

    public string BaseUrl { get; private set; } = "";

    /// <summary>The name under which the portal has a PostgreSQL connector to <see cref="Postgres"/>.</summary>
    public const string PostgresConnectorName = "pgprod";

    /// <summary>The development provider's secrets, fixed for the tests (random in a normal development run).</summary>
    public const string ConnectorSecret = "e2e-connector-secret-not-for-production";
    public const string DemoBotSecret = "e2e-demo-bot-secret-not-for-production";

    /// <summary>Settings a derived host adds (or overrides) for its own scenario.</summary>
    protected virtual IReadOnlyDictionary<string, string> ExtraEnvironment { get; } = new Dictionary<string, string>();

    /// <summary>A real database server whose login roles the portal can revoke.</summary>
    public PostgresServer Postgres { get; private set; } = null!;

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

    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    /// <summary>Servers a derived host needs before the portal starts (their addresses go into <see cref="ExtraEnvironment"/>).</summary>
    protected virtual Task StartDependenciesAsync() => Task.CompletedTask;

    protected virtual Task StopDependenciesAsync() => Task.CompletedTask;
    /// <summary>The portal's SQLite file, for tests that feed it through the portal's own services (usage ingest).</summary>
    public string DatabasePath => Path.Combine(_dataDirectory, "portal.db");

    /// <summary>Where the portal runs from (its content root: the development audit key lives under it).</summary>
    public static string WebBin => Path.Combine(RepositoryRoot, "src", "NhiPortal.Web", "bin",
        AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug", "net10.0");

    public async Task InitializeAsync()
    {
        await StartDependenciesAsync();
        Postgres = await PostgresServer.StartAsync();
        var port = TestPorts.Free();
        BaseUrl = $"http://127.0.0.1:{port}";
        var environment = new Dictionary<string, string>(ExtraEnvironment)
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["ASPNETCORE_URLS"] = BaseUrl,
            ["ConnectionStrings__NhiPortal"] = $"Data Source={Path.Combine(_dataDirectory, "portal.db")}",
            // The heads file belongs with its database: a fresh database beside an old heads file reads as truncated.
            ["Audit__HeadsFile"] = Path.Combine(_dataDirectory, "audit-heads.jsonl"),
            [$"Connectors__{PostgresConnectorName}__Kind"] = "postgresql",
            // The README's least-privileged role, managing only the roles the tests create.
            [$"Connectors__{PostgresConnectorName}__ConnectionString"] = await Postgres.ConnectorConnectionStringAsync(),
            [$"Connectors__{PostgresConnectorName}__ManagedRolePrefix"] = "e2e_",
            ["DevIdentityProvider__ConnectorSecret"] = ConnectorSecret,
            ["DevIdentityProvider__DemoBotSecret"] = DemoBotSecret,
            // The tests that read the provider's clients build their own source; the shared inventory stays as seeded.
            ["DevIdentityProvider__DiscoverClients"] = "false",
            // Usage ingested by a test process wakes no evaluator here: poll often, so a flag appears within seconds.
            ["Usage__PollSeconds"] = "2",
        };
        _process = Start(environment, _output);

        await WaitUntilHealthyAsync(_process, BaseUrl, () => Output);
    }

    /// <summary>Waits until <c>/health</c> answers, or fails with the portal's output if it exits first or takes over 120 s.</summary>
    public static async Task WaitUntilHealthyAsync(Process process, string baseUrl, Func<string> output)
    {
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow.AddSeconds(120);
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The portal exited with {process.ExitCode}:\n{output()}");
            }
            try
            {
                if ((await http.GetAsync($"{baseUrl}/health")).StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
                // Still migrating or seeding.
            }
            await Task.Delay(250);
        }
        throw new TimeoutException($"The portal did not answer /health within 120 s:\n{output()}");
    }

    public async Task DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }
        _process?.Dispose();
        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // Left to the OS temp cleaner.
        }
        if (Postgres is not null)
        {
            await Postgres.DisposeAsync();
        }
        await StopDependenciesAsync();
    }

    /// <summary>
    /// Starts the built portal (or the published copy in <paramref name="bin"/>) with the given environment and
    /// command-line <paramref name="arguments"/> (such as <c>migrate</c>); output is collected into <paramref name="output"/>.
    /// </summary>
    public static Process Start(IReadOnlyDictionary<string, string> environment, StringBuilder output, IReadOnlyList<string>? arguments = null, string? bin = null)
    {
        bin ??= WebBin;
        var dll = Path.Combine(bin, "NhiPortal.Web.dll");
        if (!File.Exists(dll))
        {
            throw new FileNotFoundException($"Build the solution (or publish the portal) first: {dll} is missing.");
        }
        var start = new ProcessStartInfo("dotnet", [dll, .. arguments ?? []])
        {
            WorkingDirectory = bin,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }
        var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static void Append(StringBuilder output, string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (output)
        {
            output.AppendLine(line);
        }
    }

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "NhiPortal.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("NhiPortal.sln not found above the test binaries.");
    }
}
