using System.Diagnostics;
using System.Net.Sockets;

namespace NhiPortal.Tests.Shared;

/// <summary>
/// A throwaway nginx on 127.0.0.1 serving the repository's own site file (deploy/nginx/nhiportal.conf) with the test's
/// port, certificate and instances put in, plus one response header naming the instance that answered (so a test can
/// tell where a browser is pinned). Needs Debian's nginx (the test command installs it); runs in the foreground, as a
/// child of the test process, and is stopped by it.
/// </summary>
public sealed class NginxServer : IAsyncDisposable
{
    public const string UpstreamHeader = "X-NhiPortal-Upstream";
    private const string Daemon = "/usr/sbin/nginx";
    private readonly string _directory;
    private readonly Process _process;

    private NginxServer(string directory, int port, Process process)
    {
        _directory = directory;
        Port = port;
        _process = process;
    }

    public int Port { get; }

    public string BaseUrl => $"https://127.0.0.1:{Port}";

    public string AccessLog => File.Exists(Path.Combine(_directory, "access.log")) ? File.ReadAllText(Path.Combine(_directory, "access.log")) : "";

    public string ErrorLog => File.Exists(Path.Combine(_directory, "error.log")) ? File.ReadAllText(Path.Combine(_directory, "error.log")) : "";

    /// <summary>Starts nginx in front of <paramref name="instances"/> (host:port) with <paramref name="certificates"/>' server certificate.</summary>
    public static async Task<NginxServer> StartAsync(string siteFile, IReadOnlyList<string> instances, TestCertificates certificates, int? port = null)
    {
        if (!File.Exists(Daemon))
        {
            throw new InvalidOperationException("nginx is not installed (/usr/sbin/nginx). Run tests/run-all.sh, which installs it.");
        }
        var directory = Directory.CreateTempSubdirectory("nhiportal-nginx-").FullName;
        var listen = port ?? TestPorts.Free();
        await File.WriteAllTextAsync(Path.Combine(directory, "site.conf"), Site(await File.ReadAllTextAsync(siteFile), listen, instances, certificates));
        // As root the workers would run as nobody, who cannot write this private temp directory.
        var user = Environment.UserName == "root" ? "user root;" : "";
        await File.WriteAllTextAsync(Path.Combine(directory, "nginx.conf"), $$"""
            daemon off;
            {{user}}
            master_process on;
            worker_processes 1;
            pid {{directory}}/nginx.pid;
            error_log {{directory}}/error.log warn;
            events { worker_connections 1024; }
            http {
                access_log {{directory}}/access.log;
                client_body_temp_path {{directory}}/client_body;
                proxy_temp_path {{directory}}/proxy;
                fastcgi_temp_path {{directory}}/fastcgi;
                uwsgi_temp_path {{directory}}/uwsgi;
                scgi_temp_path {{directory}}/scgi;
                include {{directory}}/site.conf;
            }
            """);
        var start = new ProcessStartInfo(Daemon) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "-c", Path.Combine(directory, "nginx.conf"), "-p", directory })
        {
            start.ArgumentList.Add(argument);
        }
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new NginxServer(directory, listen, process);
        for (var attempt = 0; ; attempt++)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"nginx exited at start ({process.ExitCode}): {server.ErrorLog}");
            }
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync("127.0.0.1", listen);
                return server;
            }
            catch (SocketException) when (attempt < 100)
            {
                await Task.Delay(100);
            }
        }
    }

    // The production file with this test's addresses: its port-80 redirect is left out (no test binds port 80).
    private static string Site(string site, int port, IReadOnlyList<string> instances, TestCertificates certificates)
    {
        var redirect = site.IndexOf("server {\n    listen 80;", StringComparison.Ordinal);
        var redirectEnd = site.IndexOf("}\n", redirect, StringComparison.Ordinal) + 2;
        site = site.Remove(redirect, redirectEnd - redirect);
        var servers = string.Join("\n", instances.Select(i => $"    server {i} max_fails=3 fail_timeout=10s;"));
        site = Replace(site, "    server 127.0.0.1:5001 max_fails=3 fail_timeout=10s;\n    server 127.0.0.1:5002 max_fails=3 fail_timeout=10s;", servers);
        site = Replace(site, "listen 443 ssl;", $"listen 127.0.0.1:{port} ssl;");
        site = Replace(site, "/etc/nginx/tls/nhiportal.crt", certificates.CertFile);
        site = Replace(site, "/etc/nginx/tls/nhiportal.key", certificates.KeyFile);
        return Replace(site, "        add_header Set-Cookie $nhiportal_affinity_cookie always;",
            $"        add_header Set-Cookie $nhiportal_affinity_cookie always;\n        add_header {UpstreamHeader} $upstream_addr always;");
    }

    // Fails loudly when the site file no longer has what the test puts its addresses into.
    private static string Replace(string text, string from, string to) =>
        text.Contains(from, StringComparison.Ordinal) ? text.Replace(from, to, StringComparison.Ordinal)
            : throw new InvalidOperationException($"deploy/nginx/nhiportal.conf no longer contains '{from}'.");

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // Left to the OS temp cleaner.
        }
    }
}
