using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Verdict.Cli.DecisionLog;
using Verdict.Cli.Serve;
using Verdict.Compilation;
using Verdict.Facts;
using Verdict.Rendering;

namespace Verdict.Cli.Tests;

/// <summary>Every endpoint and every error of <c>verdict serve</c>, in process on the test server.</summary>
public sealed class HttpServeTests : IDisposable
{
    private readonly ServeBundle _bundle = new();
    private readonly string _logDir = Directory.CreateTempSubdirectory("verdict-httplog-").FullName;

    public void Dispose()
    {
        _bundle.Dispose();
        Directory.Delete(_logDir, recursive: true);
    }

    private static async Task<JsonElement> Problem(HttpResponseMessage r, HttpStatusCode status)
    {
        Assert.Equal(status, r.StatusCode);
        Assert.Equal("application/problem+json", r.Content.Headers.ContentType?.MediaType);
        var doc = JsonDocument.Parse(await r.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal((int)status, doc.GetProperty("status").GetInt32());
        return doc;
    }

    [Fact]
    public async Task Decisions_answer_with_the_bytes_of_verdict_decide_and_the_digest_in_header_and_body()
    {
        await using var s = await ServeInProcess.StartAsync(ServeRepo.Policies);
        var r = await s.Client.PostAsync("/v1/decisions", ServeInProcess.Json(ServeRepo.JsonOf(ServeRepo.FintechExample)));
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        var body = await r.Content.ReadAsByteArrayAsync();

        // What `verdict decide --format json` writes for the same incident.
        var bundle = PolicyBundle.Load(ServeRepo.Policies);
        var expected = Encoding.UTF8.GetBytes(DecisionJson.Write(bundle.Decide(FactsLoader.LoadFile(ServeRepo.FintechExample))));
        Assert.Equal(Encoding.UTF8.GetString(expected), Encoding.UTF8.GetString(body));
        var digest = Assert.Single(r.Headers.GetValues(ServeEndpoints.DigestHeader));
        Assert.Equal(bundle.Digest, digest);
        Assert.Equal(digest, JsonDocument.Parse(body).RootElement.GetProperty("bundle").GetProperty("digest").GetString());
    }

    [Fact]
    public void Decision_bytes_equal_the_renderer_indented_and_compact()
    {
        var d = PolicyBundle.Load(ServeRepo.Policies).Decide(FactsLoader.LoadFile(ServeRepo.FintechExample));
        var indented = JsonBytes.Decision(d);
        Assert.Equal(DecisionJson.Write(d), Encoding.UTF8.GetString(indented));
        Assert.Equal(DecisionJson.Write(d, indented: false), Encoding.UTF8.GetString(JsonBytes.Compact(indented)));
        Assert.Equal("{\"a\":\"x \\\" y\\\\\",\"b\":[1,2]}", Encoding.UTF8.GetString(JsonBytes.Compact("{ \"a\" : \"x \\\" y\\\\\",\n  \"b\": [1, 2] }"u8)));
    }

    [Fact]
    public async Task Format_html_answers_the_incident_page_of_the_same_decision()
    {
        await using var s = await ServeInProcess.StartAsync(ServeRepo.Policies);
        var body = ServeRepo.JsonOf(ServeRepo.FintechExample);
        var json = await (await s.Client.PostAsync("/v1/decisions", ServeInProcess.Json(body))).Content.ReadAsStringAsync();
        var r = await s.Client.PostAsync("/v1/decisions?format=html&asOf=2026-11-22T09:00:00Z", ServeInProcess.Json(body));
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        Assert.Equal("text/html", r.Content.Headers.ContentType?.MediaType);
        var html = await r.Content.ReadAsStringAsync();
        Assert.StartsWith("<!DOCTYPE html>", html);
        Assert.Contains(System.Text.Json.JsonDocument.Parse(json).RootElement.GetProperty("decisionId").GetString()!, html);
        Assert.Contains("As of", html);
    }

    [Fact]
    public async Task An_invalid_asOf_is_a_400_problem()
    {
        await using var s = await ServeInProcess.StartAsync(ServeRepo.Policies);
        var r = await s.Client.PostAsync("/v1/decisions?format=html&asOf=tomorrow", ServeInProcess.Json(ServeRepo.JsonOf(ServeRepo.FintechExample)));
        Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode);
    }

    [Fact]
    public async Task Malformed_json_is_a_400_problem_with_path_line_and_column()
    {
        await using var s = await ServeInProcess.StartAsync(_bundle.Dir);
        var r = await s.Client.PostAsync("/v1/decisions", ServeInProcess.Json("{\"id\": \"I\",\n \"timeline\": {\"awareAt\": }}"));
        var p = await Problem(r, HttpStatusCode.BadRequest);
        var e = Assert.Single(p.GetProperty("errors").EnumerateArray().ToList());
        Assert.Equal("VD1003", e.GetProperty("code").GetString());
        Assert.Equal("$.timeline.awareAt", e.GetProperty("path").GetString());
        Assert.Equal(2, e.GetProperty("line").GetInt32());
        Assert.StartsWith("malformed JSON:", e.GetProperty("message").GetString());
    }

    [Fact]
    public async Task Schema_violations_are_a_400_problem_listing_each_error_with_its_json_path()
    {
        await using var s = await ServeInProcess.StartAsync(_bundle.Dir);
        const string body = """{"id":"I","timelin":{},"timeline":{"awareAt":"2026-03-01T10:00:00Z"},"data":{"records":"many","encryption":"rot13"}}""";
        var r = await s.Client.PostAsync("/v1/decisions", ServeInProcess.Json(body));
        var p = await Problem(r, HttpStatusCode.BadRequest);
        var errors = p.GetProperty("errors").EnumerateArray().ToList();
        var paths = errors.Select(e => e.GetProperty("path").GetString()).ToList();
        Assert.Contains("$.timelin", paths);
        Assert.Contains("$.data.records", paths);
        Assert.Contains("$.data.encryption", paths);
        Assert.All(errors, e => Assert.Equal(1, e.GetProperty("line").GetInt32()));
        var unknown = errors.Single(e => e.GetProperty("path").GetString() == "$.timelin");
        Assert.Equal("VD1101", unknown.GetProperty("code").GetString());
        Assert.Contains("timeline", unknown.GetProperty("help").GetString());
    }

    [Fact]
    public async Task An_empty_body_is_a_400_problem()
    {
        await using var s = await ServeInProcess.StartAsync(_bundle.Dir);
        var p = await Problem(await s.Client.PostAsync("/v1/decisions", ServeInProcess.Json("")), HttpStatusCode.BadRequest);
        Assert.Contains("empty", p.GetProperty("errors")[0].GetProperty("message").GetString());
    }

    [Fact]
    public async Task A_body_over_the_limit_is_a_413_problem_with_or_without_content_length()
    {
        await using var s = await ServeInProcess.StartAsync(_bundle.Dir, o => o with { MaxBodyBytes = 1000 });
        var big = ServeBundle.Facts().Replace("\"id\"", new string(' ', 2000) + "\"id\"", StringComparison.Ordinal);
        var p = await Problem(await s.Client.PostAsync("/v1/decisions", ServeInProcess.Json(big)), HttpStatusCode.RequestEntityTooLarge);
        Assert.Contains("1000 bytes", p.GetProperty("detail").GetString());

        var chunked = new UnknownLength(Encoding.UTF8.GetBytes(big));
        Assert.Null(chunked.Headers.ContentLength);
        await Problem(await s.Client.PostAsync("/v1/access", chunked), HttpStatusCode.RequestEntityTooLarge);

        var ok = await s.Client.PostAsync("/v1/decisions", ServeInProcess.Json(ServeBundle.Facts()));
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
    }

    [Fact]
    public async Task An_unknown_route_is_a_404_problem_and_a_wrong_method_a_405_problem()
    {
        await using var s = await ServeInProcess.StartAsync(_bundle.Dir);
        var nf = await Problem(await s.Client.GetAsync("/v1/decision"), HttpStatusCode.NotFound);
        Assert.Contains("/v1/decision", nf.GetProperty("detail").GetString());
        var r = await s.Client.GetAsync("/v1/decisions");
        var na = await Problem(r, HttpStatusCode.MethodNotAllowed);
        Assert.Contains("POST", r.Content.Headers.Allow);
        Assert.Contains("POST", na.GetProperty("detail").GetString());
        Assert.True(r.Headers.Contains(ServeEndpoints.DigestHeader));
    }

    [Fact]
    public async Task Access_allows_what_the_binding_allows_and_lists_violations_otherwise()
    {
        await using var s = await ServeInProcess.StartAsync(_bundle.Dir);
        var allow = await s.Client.PostAsync("/v1/access", ServeInProcess.Json(
            """{"actor":"support-agent","purpose":"customer-support","object":"Contact","fields":["Name","Email"],"records":5}"""));
        Assert.Equal(HttpStatusCode.OK, allow.StatusCode);
        var a = JsonDocument.Parse(await allow.Content.ReadAsStringAsync()).RootElement;
        Assert.True(a.GetProperty("allow").GetBoolean());
        Assert.Empty(a.GetProperty("violations").EnumerateArray());
        Assert.Equal(s.Host.Bundles.Current.Bundle.Digest, a.GetProperty("bundle").GetProperty("digest").GetString());

        var deny = await s.Client.PostAsync("/v1/access", ServeInProcess.Json(
            """{"actor":"support-agent","purpose":"customer-support","object":"Account","fields":["CreditScore__c"],"records":500,"external":true}"""));
        var d = JsonDocument.Parse(await deny.Content.ReadAsStringAsync()).RootElement;
        Assert.False(d.GetProperty("allow").GetBoolean());
        var rules = d.GetProperty("violations").EnumerateArray().Select(v => v.GetProperty("rule").GetString()).ToList();
        Assert.Contains("deny/no-credit", rules);
        Assert.Contains("limits/records", rules);
        Assert.All(d.GetProperty("violations").EnumerateArray(), v => Assert.Equal("purpose/support@1.0.0", v.GetProperty("policy").GetString()));
    }

    [Fact]
    public async Task An_invalid_access_request_is_a_400_problem_listing_each_error_with_its_path()
    {
        await using var s = await ServeInProcess.StartAsync(_bundle.Dir);
        var r = await s.Client.PostAsync("/v1/access", ServeInProcess.Json("""{"actor":"a","purpos":"x","object":"Case","fields":["Id",3],"records":-1}"""));
        var p = await Problem(r, HttpStatusCode.BadRequest);
        var paths = p.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("path").GetString()).ToList();
        Assert.Equal(["$.purpos", "$", "$.fields[1]", "$.records"], paths);
    }

    [Fact]
    public async Task Bundle_names_version_digest_and_every_policy_with_its_kind()
    {
        await using var s = await ServeInProcess.StartAsync(_bundle.Dir);
        var r = await s.Client.GetAsync("/v1/bundle");
        var b = JsonDocument.Parse(await r.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("test-bundle", b.GetProperty("name").GetString());
        Assert.Equal("1.0.0", b.GetProperty("version").GetString());
        Assert.Equal(s.Host.Bundles.Current.Bundle.Digest, b.GetProperty("digest").GetString());
        Assert.Equal(b.GetProperty("digest").GetString(), Assert.Single(r.Headers.GetValues(ServeEndpoints.DigestHeader)));
        var policies = b.GetProperty("policies").EnumerateArray().Select(p => $"{p.GetProperty("ref").GetString()} {p.GetProperty("kind").GetString()}").ToList();
        Assert.Equal(["purpose/support@1.0.0 PurposeBinding", "severity/test@1.0.0 SeverityMatrix"], policies);
        Assert.Equal(JsonValueKind.Null, b.GetProperty("lastReloadError").ValueKind);
    }

    [Fact]
    public async Task Health_and_readiness_answer_ok()
    {
        await using var s = await ServeInProcess.StartAsync(_bundle.Dir);
        Assert.Equal(HttpStatusCode.OK, (await s.Client.GetAsync("/healthz")).StatusCode);
        var ready = await s.Client.GetAsync("/readyz");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Contains(s.Host.Bundles.Current.Bundle.Digest, await ready.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Metrics_count_decisions_latency_reloads_and_rejections_in_prometheus_text()
    {
        await using var s = await ServeInProcess.StartAsync(_bundle.Dir);
        await s.Client.PostAsync("/v1/decisions", ServeInProcess.Json(ServeBundle.Facts()));
        await s.Client.PostAsync("/v1/decisions", ServeInProcess.Json("{"));
        await s.Client.PostAsync("/v1/access", ServeInProcess.Json("""{"actor":"support-agent","purpose":"customer-support","object":"Case","fields":[]}"""));
        await s.Host.Bundles.ReloadAsync("test");
        var r = await s.Client.GetAsync("/metrics");
        Assert.Equal("text/plain", r.Content.Headers.ContentType?.MediaType);
        var text = await r.Content.ReadAsStringAsync();
        Assert.Contains("verdict_decisions_total{endpoint=\"decisions\"} 1\n", text);
        Assert.Contains("verdict_decisions_total{endpoint=\"access\"} 1\n", text);
        Assert.Contains("verdict_decision_duration_seconds_bucket{endpoint=\"decisions\",le=\"+Inf\"} 1\n", text);
        Assert.Contains("verdict_decision_duration_seconds_bucket{endpoint=\"decisions\",le=\"0.00005\"}", text);
        Assert.Contains("verdict_decision_duration_seconds_count{endpoint=\"access\"} 1\n", text);
        Assert.Contains("verdict_bundle_reloads_total 1\n", text);
        Assert.Contains("verdict_bundle_reload_failures_total 0\n", text);
        Assert.Contains("verdict_requests_rejected_total{status=\"400\"} 1\n", text);
        Assert.Contains("# TYPE verdict_decision_duration_seconds histogram\n", text);
    }

    [Fact]
    public async Task With_a_token_every_endpoint_but_health_probes_needs_it()
    {
        const string token = "s3cret-token-0123456789";
        await using var s = await ServeInProcess.StartAsync(_bundle.Dir, o => o with { Token = token });
        var none = await s.Client.PostAsync("/v1/decisions", ServeInProcess.Json(ServeBundle.Facts()));
        await Problem(none, HttpStatusCode.Unauthorized);
        Assert.Equal("Bearer", none.Headers.WwwAuthenticate.Single().Scheme);
        s.Client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "wrong-token-0123456789");
        await Problem(await s.Client.GetAsync("/v1/bundle"), HttpStatusCode.Unauthorized);
        await Problem(await s.Client.GetAsync("/metrics"), HttpStatusCode.Unauthorized);
        await Problem(await s.Client.PostAsync("/v1/bundle/reload", null), HttpStatusCode.Unauthorized);
        Assert.Equal(HttpStatusCode.OK, (await s.Client.GetAsync("/healthz")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await s.Client.GetAsync("/readyz")).StatusCode);

        s.Client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        Assert.Equal(HttpStatusCode.OK, (await s.Client.PostAsync("/v1/decisions", ServeInProcess.Json(ServeBundle.Facts()))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await s.Client.PostAsync("/v1/bundle/reload", null)).StatusCode);
    }

    [Fact]
    public async Task Reload_over_http_is_forbidden_when_no_token_is_configured()
    {
        await using var s = await ServeInProcess.StartAsync(_bundle.Dir);
        var p = await Problem(await s.Client.PostAsync("/v1/bundle/reload", null), HttpStatusCode.Forbidden);
        Assert.Contains("--token-file", p.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_policy_defect_met_while_deciding_is_a_200_decision_listing_the_failure()
    {
        using var unique = new ServeBundle(hitPolicy: "unique");
        await using var s = await ServeInProcess.StartAsync(unique.Dir);
        var r = await s.Client.PostAsync("/v1/decisions", ServeInProcess.Json(ServeBundle.Facts(records: 5)));
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        var d = JsonDocument.Parse(await r.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("failed", d.GetProperty("severity").GetProperty("level").GetString());
        Assert.Equal("VD1501", d.GetProperty("failures")[0].GetProperty("code").GetString());
    }

    [Fact]
    public async Task Each_decision_is_logged_before_the_answer_with_its_sequence_number_and_facts_digest()
    {
        var path = Path.Combine(_logDir, "d.jsonl");
        await using (var s = await ServeInProcess.StartAsync(_bundle.Dir, o => o with { DecisionLog = new DecisionLogOptions { Path = path } }))
        {
            var r1 = await s.Client.PostAsync("/v1/decisions", ServeInProcess.Json(ServeBundle.Facts("INC-A")));
            var r2 = await s.Client.PostAsync("/v1/access", ServeInProcess.Json("""{"actor":"x","purpose":"customer-support","object":"Case","fields":[]}"""));
            Assert.Equal("1", r1.Headers.GetValues(ServeEndpoints.SeqHeader).Single());
            Assert.Equal("2", r2.Headers.GetValues(ServeEndpoints.SeqHeader).Single());
            // Written before the answer: the record is in the file while the server still runs.
            Assert.Equal(2, File.ReadAllLines(path).Length);
        }
        var lines = File.ReadAllLines(path);
        var first = JsonDocument.Parse(lines[0]).RootElement;
        Assert.Equal(["seq", "kind", "receivedAt", "bundleDigest", "factsDigest", "decision", "prev", "hash"], first.EnumerateObject().Select(p => p.Name).ToArray());
        Assert.Equal("incident", first.GetProperty("kind").GetString());
        Assert.Equal(LogRecord.Genesis, first.GetProperty("prev").GetString());
        var facts = FactsLoader.LoadText(ServeBundle.Facts("INC-A"));
        Assert.Equal(LogRecord.Sha256(Encoding.UTF8.GetBytes(FactsJson.Canonical(facts))), first.GetProperty("factsDigest").GetString());
        Assert.Equal("INC-A", first.GetProperty("decision").GetProperty("incidentId").GetString());
        var second = JsonDocument.Parse(lines[1]).RootElement;
        Assert.Equal("access", second.GetProperty("kind").GetString());
        Assert.Equal(first.GetProperty("hash").GetString(), second.GetProperty("prev").GetString());
        Assert.True(LogVerifier.Verify([path]).Ok);
    }

    [Fact]
    public async Task When_the_decision_log_cannot_be_written_decisions_get_503_and_readiness_fails()
    {
        if (!File.Exists("/dev/full")) return; // Linux: every write fails with "no space left on device"
        var path = Path.Combine(_logDir, "full.jsonl");
        File.CreateSymbolicLink(path, "/dev/full");
        await using var s = await ServeInProcess.StartAsync(_bundle.Dir, o => o with { DecisionLog = new DecisionLogOptions { Path = path } });
        var p = await Problem(await s.Client.PostAsync("/v1/decisions", ServeInProcess.Json(ServeBundle.Facts())), HttpStatusCode.ServiceUnavailable);
        Assert.Contains("decision-log-failed", p.GetProperty("type").GetString());
        await Problem(await s.Client.PostAsync("/v1/decisions", ServeInProcess.Json(ServeBundle.Facts())), HttpStatusCode.ServiceUnavailable);
        await Problem(await s.Client.GetAsync("/readyz"), HttpStatusCode.ServiceUnavailable);
        Assert.Contains("verdict_decision_log_failed 1", await s.Client.GetStringAsync("/metrics"));
    }

    [Theory]
    [InlineData("http://127.0.0.1:8080", true)]
    [InlineData("http://localhost:5000", true)]
    [InlineData("http://[::1]:8080", true)]
    [InlineData("http://0.0.0.0:8080", false)]
    [InlineData("http://*:8080", false)]
    [InlineData("http://+:8080", false)]
    [InlineData("http://10.1.2.3:8080", false)]
    [InlineData("http://example.com:80", false)]
    public void Only_loopback_addresses_may_be_served_without_a_token(string url, bool loopback)
    {
        Assert.Equal(loopback, ServeOptions.IsLoopback(url));
        var o = new ServeOptions { Policies = ".", Urls = $"http://127.0.0.1:1;{url}" };
        Assert.Equal(loopback, o.CheckExposure() is null);
        Assert.Null((o with { Token = "t" }).CheckExposure());
    }
}

/// <summary>A body without Content-Length (sent chunked).</summary>
internal sealed class UnknownLength(byte[] bytes) : HttpContent
{
    protected override Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context) => stream.WriteAsync(bytes).AsTask();
    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        return false;
    }
}
