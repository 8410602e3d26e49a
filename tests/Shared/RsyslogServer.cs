using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace NhiPortal.Tests.Shared;

/// <summary>
/// A throwaway rsyslogd on 127.0.0.1 from its own config (imtcp, plain or TLS with the gtls driver and a test
/// certificate; omfile to a file in its temp directory), a second instance beside any system one. Each received
/// message becomes one line: <c>MSGID [structured data] MSG</c>. Needs Debian's rsyslog and rsyslog-gnutls (the test
/// command installs them). Stopped by its pid.
/// </summary>
public sealed partial class RsyslogServer : IAsyncDisposable
{
    private const string Daemon = "/usr/sbin/rsyslogd";
    private readonly string _directory;
    private Process? _process;

    private RsyslogServer(string directory, int port, TestCertificates? certificates)
    {
        _directory = directory;
        Port = port;
        Certificates = certificates;
    }

    public int Port { get; }

    public string Address => $"127.0.0.1:{Port}";

    /// <summary>The CA and server certificate of a TLS server; null for plain TCP.</summary>
    public TestCertificates? Certificates { get; }

    public string Directory => _directory;

    public string OutputPath => Path.Combine(_directory, "received.log");

    public bool IsRunning => _process is { HasExited: false };

    public static async Task<RsyslogServer> StartAsync(bool tls = false)
    {
        if (!File.Exists(Daemon))
        {
            throw new InvalidOperationException("rsyslog is not installed (/usr/sbin/rsyslogd). Run tests/run-all.sh, which installs rsyslog and rsyslog-gnutls.");
        }
        var directory = System.IO.Directory.CreateTempSubdirectory("nhiportal-rsyslog-").FullName;
        var server = new RsyslogServer(directory, TestPorts.Free(), tls ? TestCertificates.Create(directory) : null);
        await File.WriteAllTextAsync(Path.Combine(directory, "rsyslog.conf"), server.Config());
        await server.StartAgainAsync();
        return server;
    }

    /// <summary>Starts the daemon (in the foreground, so this process holds it) and waits until the port accepts.</summary>
    public async Task StartAgainAsync()
    {
        if (IsRunning)
        {
            return;
        }
        var start = new ProcessStartInfo(Daemon) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "-n", "-f", Path.Combine(_directory, "rsyslog.conf"), "-i", Path.Combine(_directory, "rsyslog.pid") })
        {
            start.ArgumentList.Add(argument);
        }
        _process = Process.Start(start)!;
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        for (var attempt = 0; ; attempt++)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"rsyslogd exited at start ({_process.ExitCode}); config in {_directory}.");
            }
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync("127.0.0.1", Port);
                return;
            }
            catch (SocketException) when (attempt < 200)
            {
                await Task.Delay(50);
            }
        }
    }

    /// <summary>Stops the daemon by its pid (TERM) and waits until it is gone.</summary>
    public async Task StopAsync()
    {
        if (_process is not { } process)
        {
            return;
        }
        _process = null;
        if (!process.HasExited)
        {
            using var kill = Process.Start("kill", ["-TERM", process.Id.ToString(CultureInfo.InvariantCulture)]);
            await kill.WaitForExitAsync();
            using var exit = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            await process.WaitForExitAsync(exit.Token);
        }
        process.Dispose();
    }

    /// <summary>Freezes the daemon (SIGSTOP): it keeps its connections open, and the kernel buffers what is sent to it unread.</summary>
    public async Task PauseAsync()
    {
        await SignalAsync("-STOP");
    }

    /// <summary>Kills a (paused) daemon outright (SIGKILL), so whatever sat unread in its socket buffers is lost with it.</summary>
    public async Task KillAsync()
    {
        if (_process is not { } process)
        {
            return;
        }
        await SignalAsync("-KILL");
        _process = null;
        using var exit = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await process.WaitForExitAsync(exit.Token);
        process.Dispose();
    }

    private async Task SignalAsync(string signal)
    {
        if (_process is { HasExited: false } process)
        {
            using var kill = Process.Start("kill", [signal, process.Id.ToString(CultureInfo.InvariantCulture)]);
            await kill.WaitForExitAsync();
        }
    }

    /// <summary>Empties the received file (between tests of one class; omfile appends, so it writes on from the new end).</summary>
    public void Clear()
    {
        if (File.Exists(OutputPath))
        {
            File.WriteAllText(OutputPath, "");
        }
    }

    public IReadOnlyList<string> Lines()
    {
        if (!File.Exists(OutputPath))
        {
            return [];
        }
        using var stream = new FileStream(OutputPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        var lines = new List<string>();
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0)
            {
                lines.Add(line);
            }
        }
        return lines;
    }

    /// <summary>The dedupe id (the structured data's <c>id</c>) of each line, in the order received.</summary>
    public IReadOnlyList<string> ReceivedIds() => Lines().Select(l => IdParam().Match(l)).Where(m => m.Success).Select(m => m.Groups[1].Value).ToList();

    /// <summary>The audit event ids received (heads left out), in order, duplicates kept.</summary>
    public IReadOnlyList<long> ReceivedEventIds() =>
        ReceivedIds().Where(id => id.All(char.IsAsciiDigit)).Select(id => long.Parse(id, CultureInfo.InvariantCulture)).ToList();

    public async Task<bool> WaitForAsync(Func<RsyslogServer, bool> done, TimeSpan timeout)
    {
        var until = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < until)
        {
            if (done(this))
            {
                return true;
            }
            await Task.Delay(50);
        }
        return done(this);
    }

    [GeneratedRegex("""\[nhiportal@32473 id="([^"]+)" """)]
    private static partial Regex IdParam();

    private string Config()
    {
        var tls = Certificates is { } c
            ? $"""
              global(defaultNetstreamDriver="gtls" defaultNetstreamDriverCAFile="{c.CaFile}" defaultNetstreamDriverCertFile="{c.CertFile}" defaultNetstreamDriverKeyFile="{c.KeyFile}")
              module(load="imtcp" streamDriver.name="gtls" streamDriver.mode="1" streamDriver.authMode="anon")
              """
            : """module(load="imtcp")""";
        return $"""
            global(workDirectory="{_directory}" maxMessageSize="256k")
            {tls}
            template(name="received" type="string" string="%msgid% %structured-data% %msg%\n")
            ruleset(name="feed") {"{"}
              action(type="omfile" file="{OutputPath}" template="received")
            {"}"}
            input(type="imtcp" port="{Port}" address="127.0.0.1" ruleset="feed")

            """;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await StopAsync();
        }
        finally
        {
            Certificates?.Dispose();
            try
            {
                System.IO.Directory.Delete(_directory, recursive: true);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // The temp cleaner gets it.
            }
        }
    }
}
