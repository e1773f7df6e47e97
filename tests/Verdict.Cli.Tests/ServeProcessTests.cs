using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Verdict.Cli.DecisionLog;
using Verdict.Cli.Serve;

namespace Verdict.Cli.Tests;

/// <summary><c>verdict serve</c> as its own process, as it runs in production.</summary>
public sealed class ServeProcessTests : IDisposable
{
    private const string Token = "process-token-0123456789";
    private readonly ServeBundle _bundle = new();
    private readonly string _work = Directory.CreateTempSubdirectory("verdict-proc-").FullName;

    public void Dispose()
    {
        _bundle.Dispose();
        Directory.Delete(_work, recursive: true);
    }

    [Fact]
    public async Task Reloads_good_bad_good_under_concurrent_load_fail_no_request_and_every_digest_is_a_served_bundle()
    {
        var tokenFile = Path.Combine(_work, "token");
        await File.WriteAllTextAsync(tokenFile, Token + "\n");
        await using var s = await ServeProcess.StartAsync(_work, "--policies", _bundle.Dir, "--token-file", tokenFile, "--no-watch");
        s.Client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        var digests = new ConcurrentBag<string>();
        var failures = new ConcurrentBag<string>();
        var answered = 0;
        using var stop = new CancellationTokenSource();

        async Task Client(int n)
        {
            var i = 0;
            while (!stop.IsCancellationRequested)
            {
                var kind = i++ % 2;
                try
                {
                    var r = kind == 0
                        ? await s.Client.PostAsync("/v1/decisions", ServeInProcess.Json(ServeBundle.Facts($"INC-{n}-{i}")))
                        : await s.Client.PostAsync("/v1/access", ServeInProcess.Json("""{"actor":"support-agent","purpose":"customer-support","object":"Case","fields":["Id"]}"""));
                    if (r.StatusCode != HttpStatusCode.OK) failures.Add($"{(int)r.StatusCode} {await r.Content.ReadAsStringAsync()}");
                    var header = r.Headers.GetValues(ServeEndpoints.DigestHeader).Single();
                    var body = JsonDocument.Parse(await r.Content.ReadAsStringAsync()).RootElement.GetProperty("bundle").GetProperty("digest").GetString()!;
                    if (header != body) failures.Add($"header {header} but body {body}");
                    digests.Add(body);
                    Interlocked.Increment(ref answered);
                }
                catch (Exception e) when (!stop.IsCancellationRequested) { failures.Add(e.Message); }
            }
        }

        async Task<JsonElement> Bundle() => JsonDocument.Parse(await s.Client.GetStringAsync("/v1/bundle")).RootElement;
        var d1 = (await Bundle()).GetProperty("digest").GetString()!;
        var clients = Enumerable.Range(0, 8).Select(n => Task.Run(() => Client(n))).ToArray();
        await Task.Delay(300);

        // bad: a policy that does not compile; the good bundle keeps serving
        _bundle.Write("severity/matrix.yaml", ServeBundle.Matrix.Replace("HIT", "first").Replace("data.records", "data.recrods"));
        var bad = await s.Client.PostAsync("/v1/bundle/reload", null);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, bad.StatusCode);
        Assert.Equal(d1, (await Bundle()).GetProperty("digest").GetString());
        Assert.NotEqual(JsonValueKind.Null, (await Bundle()).GetProperty("lastReloadError").ValueKind);
        await Task.Delay(200);

        // good again, with a new version, by SIGHUP
        _bundle.Write("severity/matrix.yaml", ServeBundle.Matrix.Replace("HIT", "first"));
        _bundle.Write("bundle.yaml", "apiVersion: verdict.dev/v1\nkind: Bundle\nname: test-bundle\nversion: 2.0.0\n");
        s.Signal(1); // SIGHUP
        string d2;
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while ((d2 = (await Bundle()).GetProperty("digest").GetString()!) == d1 && DateTime.UtcNow < deadline) await Task.Delay(20);
        Assert.NotEqual(d1, d2);
        Assert.Equal(JsonValueKind.Null, (await Bundle()).GetProperty("lastReloadError").ValueKind);
        await Task.Delay(300);

        stop.Cancel();
        await Task.WhenAll(clients);
        Assert.Empty(failures);
        Assert.True(answered > 50, $"only {answered} requests answered");
        Assert.All(digests, d => Assert.Contains(d, new[] { d1, d2 }));
        Assert.Contains(d1, digests);
        Assert.Contains(d2, digests);
        Assert.Contains("reload (POST /v1/bundle/reload) failed", s.Stderr.ToString());
        Assert.Contains("reloaded (SIGHUP)", s.Stderr.ToString());

        // The decision log holds every answer, chained, each with the digest of the bundle that decided.
        await s.DisposeAsync();
        var result = LogVerifier.Verify([Path.Combine(_work, "verdict-decisions.jsonl")]);
        Assert.True(result.Ok, result.Break?.ToString());
        Assert.Equal(answered, result.Records);
    }

    [Fact]
    public void Refuses_to_listen_beyond_loopback_without_a_token_with_one_line_and_the_usage_exit_code()
    {
        var (exit, _, err) = VerdictRun.Run(_work, "serve", "--policies", _bundle.Dir, "--urls", "http://0.0.0.0:0");
        Assert.Equal(ExitCodes.Usage, exit);
        Assert.Equal("error: refusing to listen on `http://0.0.0.0:0` without a token: set --token-file or VERDICT_TOKEN, or listen on 127.0.0.1",
            err.TrimEnd());
    }

    [Fact]
    public async Task A_slow_client_is_cut_off_by_the_request_header_timeout()
    {
        // Kestrel, not the test server: the limits are Kestrel's. Headers must come within the timeout.
        await using var host = ServeHost.Create(new ServeOptions
        {
            Policies = _bundle.Dir, Urls = "http://127.0.0.1:0", Watch = false, HeadersTimeout = TimeSpan.FromSeconds(1), Say = _ => { },
        });
        await host.StartAsync();
        var uri = new Uri(host.Addresses.Single());
        using var tcp = new System.Net.Sockets.TcpClient();
        await tcp.ConnectAsync(uri.Host, uri.Port);
        var stream = tcp.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes("POST /v1/decisions HTTP/1.1\r\nHost: x\r\n")); // never finishes the headers
        var buffer = new byte[4096];
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(8));
        var started = DateTime.UtcNow;
        var text = new StringBuilder();
        int n;
        while ((n = await stream.ReadAsync(buffer, timeout.Token)) > 0) text.Append(Encoding.ASCII.GetString(buffer, 0, n));
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(5));
        Assert.StartsWith("HTTP/1.1 408", text.ToString());
    }

    [Fact]
    public async Task Kestrel_refuses_a_body_over_the_limit_with_a_413_problem()
    {
        await using var host = ServeHost.Create(new ServeOptions { Policies = _bundle.Dir, Urls = "http://127.0.0.1:0", Watch = false, MaxBodyBytes = 1000, Say = _ => { } });
        await host.StartAsync();
        using var client = new HttpClient { BaseAddress = new Uri(host.Addresses.Single()) };
        var big = Encoding.UTF8.GetBytes(ServeBundle.Facts().Replace("\"id\"", new string(' ', 5000) + "\"id\"", StringComparison.Ordinal));
        foreach (HttpContent content in new HttpContent[] { new ByteArrayContent(big), new UnknownLength(big) })
        {
            var r = await client.PostAsync("/v1/decisions", content);
            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, r.StatusCode);
            Assert.Equal("application/problem+json", r.Content.Headers.ContentType?.MediaType);
        }
    }
}
