using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Verdict.Cli.Serve;
using Verdict.Compilation;
using Verdict.Facts;

namespace Verdict.Cli.Tests;

/// <summary>The service against hostile requests: authorization by endpoint, bounded error answers, bodies that are
/// not text, reloads that fail in unexpected ways, abandoned decisions.</summary>
public sealed class ServeHardeningTests : IDisposable
{
    private const string Token = "s3cret-token-0123456789";
    private readonly ServeBundle _bundle = new();

    public void Dispose() => _bundle.Dispose();

    private static async Task<JsonElement> Problem(HttpResponseMessage r, HttpStatusCode status)
    {
        Assert.Equal(status, r.StatusCode);
        Assert.Equal("application/problem+json", r.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(await r.Content.ReadAsStringAsync()).RootElement;
    }

    private static ByteArrayContent Bytes(byte[] body)
    {
        var c = new ByteArrayContent(body);
        c.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return c;
    }

    [Theory]
    [InlineData("/v1/bundle/reload")]
    [InlineData("/V1/BUNDLE/RELOAD")]
    [InlineData("/v1/Bundle/Reload")]
    [InlineData("/v1/bundle/reload/")]
    public async Task Reload_without_a_token_is_refused_whatever_the_case_or_trailing_slash_of_its_path(string path)
    {
        await using (var open = await ServeInProcess.StartAsync(_bundle.Dir))
            await Problem(await open.Client.PostAsync(path, null), HttpStatusCode.Forbidden);
        await using var locked = await ServeInProcess.StartAsync(_bundle.Dir, o => o with { Token = Token });
        await Problem(await locked.Client.PostAsync(path, null), HttpStatusCode.Unauthorized);
        Assert.Equal(0, Interlocked.Read(ref locked.Host.Metrics.Reloads));
        locked.Client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        Assert.Equal(HttpStatusCode.OK, (await locked.Client.PostAsync(path, null)).StatusCode);
    }

    [Fact]
    public async Task With_a_token_an_unauthenticated_caller_learns_no_bundle_digest()
    {
        await using var s = await ServeInProcess.StartAsync(_bundle.Dir, o => o with { Token = Token });
        var digest = s.Host.Bundles.Current.Bundle.Digest;
        foreach (var r in new[]
                 {
                     await s.Client.GetAsync("/healthz"), await s.Client.GetAsync("/readyz"),
                     await s.Client.PostAsync("/v1/decisions", ServeInProcess.Json(ServeBundle.Facts())), await s.Client.GetAsync("/nowhere"),
                 })
        {
            Assert.False(r.Headers.Contains(ServeEndpoints.DigestHeader), r.RequestMessage!.RequestUri!.ToString());
            Assert.DoesNotContain(digest, await r.Content.ReadAsStringAsync());
        }
        s.Client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        Assert.Equal(digest, (await s.Client.GetAsync("/readyz")).Headers.GetValues(ServeEndpoints.DigestHeader).Single());
    }

    [Fact]
    public async Task A_body_breaking_thousands_of_rules_gets_the_first_20_errors_and_the_total()
    {
        await using var s = await ServeInProcess.StartAsync(_bundle.Dir);
        var bogus = string.Join(",", Enumerable.Range(0, 3000).Select(i => $"\"bogus-{i}\""));
        var body = ServeBundle.Facts().Replace("\"categories\":[\"contact\"]", $"\"categories\":[{bogus}]", StringComparison.Ordinal);
        var r = await s.Client.PostAsync("/v1/decisions", ServeInProcess.Json(body));
        var p = await Problem(r, HttpStatusCode.BadRequest);
        Assert.Equal(20, p.GetProperty("errors").GetArrayLength());
        Assert.True(p.GetProperty("errorCount").GetInt32() >= 3000, p.GetProperty("detail").GetString());
        Assert.Contains("the first 20 listed", p.GetProperty("detail").GetString());
        Assert.True((await r.Content.ReadAsByteArrayAsync()).Length < 16 * 1024);
    }

    [Fact]
    public async Task An_object_with_more_keys_than_any_incident_has_is_refused_before_the_facts_are_read()
    {
        await using var s = await ServeInProcess.StartAsync(_bundle.Dir);
        var keys = string.Join(",", Enumerable.Range(0, 40_000).Select(i => $"\"k{i}\":{i}"));
        var body = ServeBundle.Facts().Replace("\"data\":{", "\"data\":{" + keys + ",", StringComparison.Ordinal);
        var p = await Problem(await s.Client.PostAsync("/v1/decisions", ServeInProcess.Json(body)), HttpStatusCode.BadRequest);
        var e = Assert.Single(p.GetProperty("errors").EnumerateArray());
        Assert.Equal("$.data", e.GetProperty("path").GetString());
        Assert.Contains("more than 1000 keys", e.GetProperty("message").GetString());
    }

    [Fact]
    public async Task The_error_cap_is_the_operators_to_set()
    {
        await using var s = await ServeInProcess.StartAsync(_bundle.Dir, o => o with { MaxErrorsPerAnswer = 3 });
        var keys = string.Join(",", Enumerable.Range(0, 10).Select(i => $"\"unknown{i}\":{i}"));
        var body = ServeBundle.Facts().Replace("{\"id\"", "{" + keys + ",\"id\"", StringComparison.Ordinal);
        var p = await Problem(await s.Client.PostAsync("/v1/decisions", ServeInProcess.Json(body)), HttpStatusCode.BadRequest);
        Assert.Equal(3, p.GetProperty("errors").GetArrayLength());
    }

    [Theory]
    [InlineData(new byte[] { 0xC3, 0x28 })]             // a lead byte without its continuation
    [InlineData(new byte[] { 0xED, 0xA0, 0x80 })]       // a surrogate encoded as UTF-8
    [InlineData(new byte[] { 0xFF })]
    public async Task Invalid_utf8_in_a_string_is_a_400_problem_never_a_500(byte[] bad)
    {
        await using var s = await ServeInProcess.StartAsync(_bundle.Dir);
        var body = Encoding.UTF8.GetBytes(ServeBundle.Facts("INC-X")).ToList();
        var at = body.IndexOf((byte)'X');
        body.InsertRange(at, bad);
        var p = await Problem(await s.Client.PostAsync("/v1/decisions", Bytes([.. body])), HttpStatusCode.BadRequest);
        Assert.Contains("UTF-8", p.GetProperty("errors")[0].GetProperty("message").GetString());
        Assert.Equal(1, p.GetProperty("errors")[0].GetProperty("line").GetInt32());
    }

    [Theory]
    [InlineData("{\"id\":\"INC-\\ud800\",\"timeline\":{\"awareAt\":\"2026-03-01T10:00:00Z\"},\"data\":{\"records\":5,\"categories\":[\"contact\"]}}", "$.id")]
    [InlineData("{\"id\":\"INC-1\",\"timeline\":{\"awareAt\":\"2026-03-01T10:00:00Z\"},\"data\":{\"re\\udc00\":5,\"categories\":[\"contact\"]}}", "$.data")]
    public async Task An_escaped_lone_surrogate_is_a_400_problem_at_its_path(string body, string path)
    {
        await using var s = await ServeInProcess.StartAsync(_bundle.Dir);
        foreach (var endpoint in new[] { "/v1/decisions", "/v1/access" })
        {
            var p = await Problem(await s.Client.PostAsync(endpoint, ServeInProcess.Json(body)), HttpStatusCode.BadRequest);
            Assert.Equal(path, p.GetProperty("errors")[0].GetProperty("path").GetString());
            Assert.Contains("surrogate", p.GetProperty("errors")[0].GetProperty("message").GetString());
        }
    }

    [Fact]
    public async Task A_reload_that_fails_with_an_unexpected_exception_is_counted_logged_and_reported()
    {
        var said = new List<string>();
        var metrics = new ServeMetrics();
        var first = PolicyBundle.Load(_bundle.Dir);
        var holder = new BundleHolder(first, () => throw new InvalidOperationException("boom in the loader"), s => { lock (said) said.Add(s); }, metrics);
        var outcome = await holder.ReloadAsync("SIGHUP");
        Assert.False(outcome.Ok);
        Assert.Same(first, holder.Current.Bundle);
        Assert.Equal(1, Interlocked.Read(ref metrics.Reloads));
        Assert.Equal(1, Interlocked.Read(ref metrics.ReloadFailures));
        Assert.Equal("SIGHUP", holder.LastFailure!.Trigger);
        Assert.Contains("boom in the loader", holder.LastFailure.Errors.Single().Message);
        Assert.Contains(said, l => l.Contains("reload (SIGHUP) failed", StringComparison.Ordinal) && l.Contains("boom in the loader", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_background_reload_that_throws_is_recorded_too()
    {
        var metrics = new ServeMetrics();
        var holder = new BundleHolder(PolicyBundle.Load(_bundle.Dir), () => throw new InsufficientExecutionStackException(), _ => { }, metrics);
        holder.ReloadInBackground(ReloadTriggers.FileChange);
        for (var i = 0; i < 200 && holder.LastFailure is null; i++) await Task.Delay(25);
        Assert.Equal(ReloadTriggers.FileChange, holder.LastFailure?.Trigger);
        Assert.Equal(1, Interlocked.Read(ref metrics.ReloadFailures));
    }

    [Fact]
    public void A_decision_whose_caller_has_gone_is_abandoned()
    {
        var bundle = PolicyBundle.Load(_bundle.Dir);
        var facts = FactsLoader.LoadText(ServeBundle.Facts());
        using var gone = new CancellationTokenSource();
        gone.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => bundle.Decide(facts, new DecideOptions { Cancel = gone.Token }));
        Assert.Equal(bundle.Decide(facts).Severity.Level, bundle.Decide(facts, new DecideOptions { Cancel = CancellationToken.None }).Severity.Level);
    }

    [Fact]
    public void Usage_errors_and_invalid_facts_have_different_exit_codes()
    {
        var work = Directory.CreateTempSubdirectory("verdict-exit-").FullName;
        try
        {
            var facts = Path.Combine(work, "bad.json");
            File.WriteAllText(facts, "{\"id\":\"INC-1\"}");
            var usage = VerdictRun.Run(work, "decide", "--policies", _bundle.Dir, "--facts", facts, "--no-such-option");
            var invalid = VerdictRun.Run(work, "decide", "--policies", _bundle.Dir, "--facts", facts);
            Assert.Equal(ExitCodes.Usage, usage.Exit);
            Assert.Equal(ExitCodes.FactsInvalid, invalid.Exit);
            Assert.NotEqual(ExitCodes.Usage, ExitCodes.FactsInvalid);
        }
        finally { Directory.Delete(work, recursive: true); }
    }
}
