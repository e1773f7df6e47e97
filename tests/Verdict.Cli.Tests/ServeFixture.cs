using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Verdict.Cli.DecisionLog;
using Verdict.Cli.Serve;
using Verdict.Syntax;

namespace Verdict.Cli.Tests;

/// <summary>Paths of the repository and the built command line, found from the test's folder.</summary>
public static class ServeRepo
{
    public static string Root { get; } = Find();
    public static string Policies => Path.Combine(Root, "policies");
    public static string FintechExample => Path.Combine(Policies, "examples", "fintech-credit-risk-sync.yaml");

    /// <summary>The built <c>verdict.dll</c> next to the tests (the project reference copies it with its runtimeconfig).</summary>
    public static string VerdictDll
    {
        get
        {
            var here = Path.Combine(AppContext.BaseDirectory, "verdict.dll");
            if (File.Exists(here) && File.Exists(Path.Combine(AppContext.BaseDirectory, "verdict.runtimeconfig.json"))) return here;
            var config = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}") ? "Release" : "Debug";
            return Path.Combine(Root, "tools", "verdict", "bin", config, "net10.0", "verdict.dll");
        }
    }

    /// <summary>A YAML or JSON facts file as a JSON request body.</summary>
    public static string JsonOf(string factsFile) => CanonicalJson.Of(NodeReader.ReadFile(factsFile, factsFile));

    private static string Find()
    {
        var dir = AppContext.BaseDirectory;
        while (dir is not null && !File.Exists(Path.Combine(dir, "Directory.Packages.props"))) dir = Path.GetDirectoryName(dir);
        return dir ?? throw new InvalidOperationException("repository root not found");
    }
}

/// <summary>A small policy bundle in a temporary folder: a severity matrix and a purpose binding, quick to load.</summary>
public sealed class ServeBundle : IDisposable
{
    public string Dir { get; } = Directory.CreateTempSubdirectory("verdict-serve-").FullName;

    public const string Matrix = """
        apiVersion: verdict.dev/v1
        kind: SeverityMatrix
        id: severity/test
        version: 1.0.0
        owner: test
        effective: { from: 2020-01-01 }
        hitPolicy: HIT
        inputs:
          - id: records
            expression: data.records
        rows:
          - { id: small, when: { records: "< 1000" }, level: low }
          - { id: tiny, when: { records: "< 10" }, level: low }
          - { id: large, when: { records: ">= 1000" }, level: high }
        """;

    public const string Binding = """
        apiVersion: verdict.dev/v1
        kind: PurposeBinding
        id: purpose/support
        version: 1.0.0
        owner: test
        effective: { from: 2020-01-01 }
        purpose: customer-support
        citation: test binding
        actors: [support-agent]
        allow: [Case.*, Contact.Name, Contact.Email]
        deny:
          - { id: no-credit, fields: [Account.CreditScore__c], reason: credit data is not for support }
        limits: { recordsPerAccess: 100 }
        """;

    public ServeBundle(string version = "1.0.0", string hitPolicy = "first")
    {
        Write("bundle.yaml", $"apiVersion: verdict.dev/v1\nkind: Bundle\nname: test-bundle\nversion: {version}\n");
        Write("severity/matrix.yaml", Matrix.Replace("HIT", hitPolicy, StringComparison.Ordinal));
        Write("purpose/support.yaml", Binding);
    }

    public void Write(string relative, string text)
    {
        var path = Path.Combine(Dir, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }

    /// <summary>Facts with a given incident id and record count, as JSON.</summary>
    public static string Facts(string id = "INC-1", long records = 50) =>
        $$$"""{"id":"{{{id}}}","timeline":{"awareAt":"2026-03-01T10:00:00Z"},"data":{"records":{{{records}}},"categories":["contact"]}}""";

    public void Dispose()
    {
        try { Directory.Delete(Dir, recursive: true); } catch (IOException) { }
    }
}

/// <summary>An in-process service on the in-memory test server.</summary>
public sealed class ServeInProcess : IAsyncDisposable
{
    public ServeHost Host { get; }
    public HttpClient Client { get; }
    /// <summary>The service's one-line messages (read under a lock on the list).</summary>
    public List<string> Said { get; }

    private ServeInProcess(ServeHost host, List<string> said)
    {
        Host = host;
        Said = said;
        Client = host.App.GetTestClient();
    }

    public static async Task<ServeInProcess> StartAsync(string policies, Func<ServeOptions, ServeOptions>? tweak = null,
        Action<Microsoft.AspNetCore.Builder.WebApplicationBuilder>? configure = null)
    {
        var said = new List<string>();
        var options = new ServeOptions { Policies = policies, Watch = false, Say = s => { lock (said) said.Add(s); } };
        if (tweak is not null) options = tweak(options);
        var host = ServeHost.Create(options, b =>
        {
            b.WebHost.UseTestServer();
            configure?.Invoke(b);
        });
        await host.StartAsync();
        return new ServeInProcess(host, said);
    }

    public static StringContent Json(string text) => new(text, Encoding.UTF8, "application/json");

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Host.DisposeAsync();
    }
}

/// <summary><c>verdict serve</c> as a separate process on a free loopback port.</summary>
public sealed class ServeProcess : IAsyncDisposable
{
    public Process Process { get; }
    public string Url { get; }
    public StringBuilder Stderr { get; } = new();
    public HttpClient Client { get; }

    private ServeProcess(Process p, string url)
    {
        Process = p;
        Url = url;
        Client = new HttpClient { BaseAddress = new Uri(url), Timeout = TimeSpan.FromSeconds(10) };
    }

    public static int FreePort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }

    /// <summary>Starts the server and waits until <c>/readyz</c> answers.</summary>
    public static Task<ServeProcess> StartAsync(string workDir, params string[] args) => StartAsync(workDir, null, args);

    /// <summary>Starts the server with at most <paramref name="openFiles"/> open descriptors (<c>ulimit -n</c>), when given.</summary>
    public static Task<ServeProcess> StartAsync(string workDir, int? openFiles, params string[] args) =>
        StartInShellAsync(workDir, openFiles is { } n ? $"ulimit -n {n} &&" : null, args);

    /// <summary>Starts the server from <c>sh -c "PREFIX exec dotnet …"</c> (e.g. <c>trap '' HUP;</c>), when a prefix is given.</summary>
    public static async Task<ServeProcess> StartInShellAsync(string workDir, string? shellPrefix, params string[] args)
    {
        var url = $"http://127.0.0.1:{FreePort()}";
        var psi = new ProcessStartInfo(shellPrefix is null ? "dotnet" : "sh") { WorkingDirectory = workDir, RedirectStandardError = true, RedirectStandardOutput = true };
        if (shellPrefix is not null)
            foreach (var a in (string[])["-c", $"{shellPrefix} exec dotnet \"$@\"", "sh"]) psi.ArgumentList.Add(a);
        foreach (var a in (string[])["exec", ServeRepo.VerdictDll, "serve", "--urls", url, .. args]) psi.ArgumentList.Add(a);
        psi.Environment.Remove("VERDICT_TOKEN");
        var p = Process.Start(psi)!;
        var s = new ServeProcess(p, url);
        p.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (s.Stderr) s.Stderr.AppendLine(e.Data); };
        p.BeginErrorReadLine();
        p.BeginOutputReadLine();
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(15))
        {
            if (p.HasExited) throw new InvalidOperationException($"verdict serve exited with {p.ExitCode}: {s.Stderr}");
            try
            {
                if ((await s.Client.GetAsync("/readyz")).IsSuccessStatusCode) return s;
            }
            catch (HttpRequestException) { }
            await Task.Delay(50);
        }
        throw new TimeoutException($"verdict serve did not become ready: {s.Stderr}");
    }

    /// <summary>SIGKILL: no shutdown code runs.</summary>
    public void Kill()
    {
        Process.Kill();
        Process.WaitForExit();
    }

    /// <summary>Sends a POSIX signal by number.</summary>
    public void Signal(int signal)
    {
        using var k = Process.Start(new ProcessStartInfo("kill", $"-{signal} {Process.Id}"))!;
        k.WaitForExit();
    }

    private bool _disposed;

    public async ValueTask DisposeAsync()
    {
        if (_disposed) return;
        _disposed = true;
        Client.Dispose();
        if (!Process.HasExited)
        {
            Signal(15); // SIGTERM: graceful stop
            if (!Process.WaitForExit(5000)) Process.Kill();
        }
        Process.Dispose();
        await Task.CompletedTask;
    }
}

/// <summary>Runs <c>verdict</c> to completion.</summary>
public static class VerdictRun
{
    public static (int Exit, string Stdout, string Stderr) Run(string workDir, params string[] args)
    {
        var psi = new ProcessStartInfo("dotnet") { WorkingDirectory = workDir, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var a in (string[])["exec", ServeRepo.VerdictDll, .. args]) psi.ArgumentList.Add(a);
        psi.Environment.Remove("VERDICT_TOKEN");
        using var p = Process.Start(psi)!;
        var err = p.StandardError.ReadToEndAsync();
        var output = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        return (p.ExitCode, output, err.Result);
    }
}

/// <summary>Helpers over a decision-log file.</summary>
public static class LogFile
{
    public static LogEntry Entry(string incident = "INC-1") =>
        new("incident", new DateTime(2026, 3, 1, 10, 0, 0, DateTimeKind.Utc), "sha256:b", "sha256:f",
            Encoding.UTF8.GetBytes($$$"""{"incidentId":"{{{incident}}}","bundle":{"digest":"sha256:b"}}"""));

    public static async Task<long> WriteAsync(DecisionLogOptions options, int count, string prefix = "INC-")
    {
        await using var w = DecisionLogWriter.Open(options, _ => { });
        long last = 0;
        for (var i = 0; i < count; i++) last = await w.AppendAsync(Entry($"{prefix}{i}"));
        return last;
    }
}
