using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Verdict.Cli.DecisionLog;
using Verdict.Compilation;
using Verdict.Decisions;
using Verdict.Diagnostics;
using Verdict.Facts;
using Verdict.Rendering;
using Verdict.Syntax;

namespace Verdict.Cli.Serve;

/// <summary>The request handlers of <c>verdict serve</c>. Each reads the bundle snapshot the pipeline pinned for the
/// request, so everything one request does uses one bundle.</summary>
public sealed class ServeEndpoints(ServeOptions options, BundleHolder bundles, DecisionLogWriter? log, ServeMetrics metrics)
{
    /// <summary>The header that names the digest of the bundle that answered.</summary>
    public const string DigestHeader = "Verdict-Bundle-Digest";
    /// <summary>The header that names the decision-log record of a decision.</summary>
    public const string SeqHeader = "Verdict-Decision-Log-Seq";
    /// <summary>Where a request's bundle snapshot is kept in <see cref="HttpContext.Items"/>.</summary>
    public static readonly object SnapshotKey = new();
    private const string BodyName = "request body";

    private ReaderLimits Limits => new(options.MaxBodyBytes, JsonBody.MaxDepth, 100_000);

    /// <summary>The snapshot pinned for this request.</summary>
    public static BundleSnapshot Snapshot(HttpContext ctx) => (BundleSnapshot)ctx.Items[SnapshotKey]!;

    /// <summary><c>POST /v1/decisions</c>: facts in, the decision of <c>verdict decide --format json</c> out.</summary>
    public async Task Decide(HttpContext ctx)
    {
        var started = Stopwatch.GetTimestamp();
        var receivedAt = DateTime.UtcNow; // audit metadata for the log; never an input of the decision
        var bundle = Snapshot(ctx).Bundle;
        // `?format=html[&asOf=INSTANT]` answers the incident page instead of the JSON; the log records the same decision.
        var html = ctx.Request.Query["format"] == "html";
        ClockView? clock = null;
        if (ctx.Request.Query["asOf"] is { Count: > 0 } asOf)
        {
            if (!FactsLoader.TryParseInstant(asOf.ToString(), out var at))
            {
                await Invalid(ctx, "the asOf query parameter is invalid",
                    [new RequestError(Codes.BadFormat, $"`{asOf}` is not an ISO-8601 instant with an offset", "asOf", null, null, "e.g. asOf=2026-11-21T09:00:00Z")]);
                return;
            }
            clock = new ClockView(at);
        }
        var body = await RequestBody.ReadAsync(ctx, options);
        if (body is null) return;
        // A string that is not UTF-8 makes the syntax check throw; the facts loader reports it with its JSON path.
        RequestError? syntax;
        try { syntax = JsonBody.Check(body); }
        catch (InvalidOperationException) { syntax = null; }
        if (syntax is not null)
        {
            await Invalid(ctx, "the request body is not valid JSON", [syntax]);
            return;
        }
        IncidentFacts facts;
        // JSON-native: the bytes go to System.Text.Json, never through a string or the YAML parser; every diagnostic
        // names its JSON path, so the body need not be indexed again.
        try { facts = FactsLoader.LoadJson(body, BodyName, Limits); }
        catch (VerdictException e)
        {
            await Invalid(ctx, "the incident facts are invalid", e.Diagnostics.Take(options.MaxErrorsPerAnswer).ToList() is var shown
                ? HttpProblems.FromDiagnostics(shown, "", BodyName) : [], e.Diagnostics.Count);
            return;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Whatever the facts loader throws about a body is a bad body, never a server error; logged so it gets fixed.
            options.Say($"verdict serve: the facts loader failed on a request body ({e.GetType().Name}): {e.Message.Split('\n')[0]}");
            await Invalid(ctx, "the incident facts are invalid",
                [new RequestError(Codes.BadValue, "the incident facts could not be read", "$", null, null, "check the body against schemas/incident-facts.schema.json")]);
            return;
        }
        Decision decision;
        try
        {
            decision = bundle.Decide(facts, new DecideOptions { Explain = ctx.Request.Query["explain"] == "true", Cancel = ctx.RequestAborted });
        }
        catch (VerdictException e)
        {
            await PolicyDefect(ctx, e);
            return;
        }
        var json = JsonBytes.Decision(decision);
        if (log is not null)
        {
            var compact = JsonBytes.Compact(json);
            var factsDigest = LogRecord.Sha256(Encoding.UTF8.GetBytes(FactsJson.Canonical(facts)));
            if (!await Record(ctx, new LogEntry("incident", receivedAt, bundle.Digest, factsDigest, compact))) return;
        }
        Interlocked.Increment(ref metrics.Decisions);
        metrics.DecisionLatency.Observe(started);
        if (html)
        {
            ctx.Response.StatusCode = 200;
            ctx.Response.ContentType = "text/html; charset=utf-8";
            await ctx.Response.Body.WriteAsync(Encoding.UTF8.GetBytes(DecisionHtml.Write(decision, facts, clock)));
            return;
        }
        await Json(ctx, 200, json);
    }

    /// <summary><c>POST /v1/access</c>: one read an actor is about to make → allow or the rules it breaks.</summary>
    public async Task Access(HttpContext ctx)
    {
        var started = Stopwatch.GetTimestamp();
        var receivedAt = DateTime.UtcNow;
        var bundle = Snapshot(ctx).Bundle;
        var body = await RequestBody.ReadAsync(ctx, options);
        if (body is null) return;
        if (JsonBody.Check(body) is { } syntax)
        {
            await Invalid(ctx, "the request body is not valid JSON", [syntax]);
            return;
        }
        var errors = new List<RequestError>();
        var request = AccessJson.Read(body, errors);
        if (request is null)
        {
            await Invalid(ctx, "the access request is invalid", errors);
            return;
        }
        var decision = bundle.DecideAccess(request);
        var info = new BundleInfo(bundle.Name, bundle.Version, bundle.Digest);
        var json = AccessJson.Write(decision, info, indented: true);
        if (log is not null)
        {
            var entry = new LogEntry("access", receivedAt, bundle.Digest, LogRecord.Sha256(AccessJson.Canonical(request)), JsonBytes.Compact(json));
            if (!await Record(ctx, entry)) return;
        }
        Interlocked.Increment(ref metrics.AccessDecisions);
        metrics.AccessLatency.Observe(started);
        await Json(ctx, 200, json);
    }

    /// <summary><c>GET /v1/bundle</c>: what is serving and why the last reload failed, if it did.</summary>
    public Task Bundle(HttpContext ctx) => Json(ctx, 200, BundleJson(Snapshot(ctx), bundles.LastFailure, null));

    /// <summary><c>POST /v1/bundle/reload</c>: reload now; 200 with the bundle serving, or 422 with why the new one failed.</summary>
    public async Task Reload(HttpContext ctx)
    {
        var outcome = await bundles.ReloadAsync("POST /v1/bundle/reload");
        ctx.Response.Headers[DigestHeader] = outcome.Serving.Bundle.Digest;
        if (outcome.Failure is { } f)
        {
            await HttpProblems.Write(ctx, StatusCodes.Status422UnprocessableEntity, "reload-failed",
                "the policy bundle failed to load; the last good bundle keeps serving",
                $"still serving {outcome.Serving.Bundle.Name} {outcome.Serving.Bundle.Version} {outcome.Serving.Bundle.Digest}",
                f.Errors.Select(ToError).ToList(),
                w => w.WriteString("digest", outcome.Serving.Bundle.Digest));
            return;
        }
        await Json(ctx, 200, BundleJson(outcome.Serving, null, outcome));
    }

    /// <summary><c>GET /healthz</c>: the process answers.</summary>
    public static Task Health(HttpContext ctx) => Json(ctx, 200, "{\"status\":\"ok\"}\n"u8.ToArray());

    /// <summary><c>GET /readyz</c>: a bundle is loaded, the decision log works and the server is not stopping.</summary>
    public Task Ready(HttpContext ctx, bool stopping, bool anonymous = false)
    {
        string? why = stopping ? "the server is stopping" : log?.Fault is { } f ? $"the decision log cannot be written: {f.Message}" : null;
        if (why is not null)
            return HttpProblems.Write(ctx, StatusCodes.Status503ServiceUnavailable, "not-ready", "not ready", why);
        return Json(ctx, 200, anonymous ? "{\"status\":\"ready\"}\n"u8.ToArray()
            : Encoding.UTF8.GetBytes($"{{\"status\":\"ready\",\"digest\":\"{Snapshot(ctx).Bundle.Digest}\"}}\n"));
    }

    /// <summary><c>GET /metrics</c> in the Prometheus text format.</summary>
    public async Task Metrics(HttpContext ctx)
    {
        var bytes = Encoding.UTF8.GetBytes(metrics.Render(bundles, log));
        ctx.Response.ContentType = "text/plain; version=0.0.4; charset=utf-8";
        ctx.Response.ContentLength = bytes.Length;
        await ctx.Response.Body.WriteAsync(bytes, ctx.RequestAborted);
    }

    private async Task<bool> Record(HttpContext ctx, LogEntry entry)
    {
        try
        {
            var seq = await log!.AppendAsync(entry, ctx.RequestAborted);
            ctx.Response.Headers[SeqHeader] = seq.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return true;
        }
        catch (DecisionLogException e)
        {
            // No audit record, no answer: a decision the log does not hold must not be acted on.
            await HttpProblems.Write(ctx, StatusCodes.Status503ServiceUnavailable, "decision-log-failed",
                "the decision could not be written to the decision log", e.Message);
            return false;
        }
    }

    /// <summary>A 400 listing at most <see cref="ServeOptions.MaxErrorsPerAnswer"/> errors and the total: a body
    /// crafted to break every rule gets an answer of bounded size.</summary>
    private Task Invalid(HttpContext ctx, string title, IReadOnlyList<RequestError> errors, int? total = null)
    {
        var count = Math.Max(total ?? errors.Count, errors.Count);
        var shown = errors.Count > options.MaxErrorsPerAnswer ? errors.Take(options.MaxErrorsPerAnswer).ToList() : errors;
        var detail = (count == 1 ? "1 error" : $"{count} errors") + (shown.Count < count ? $", the first {shown.Count} listed" : "");
        return HttpProblems.Write(ctx, StatusCodes.Status400BadRequest, "invalid-request", title, detail, shown,
            w => w.WriteNumber("errorCount", count));
    }

    private static Task PolicyDefect(HttpContext ctx, VerdictException e) =>
        HttpProblems.Write(ctx, StatusCodes.Status500InternalServerError, "policy-defect",
            "the policy bundle could not decide these facts", "a policy is defective for this incident; fix the policy and reload",
            e.Diagnostics.Select(ToError).ToList());

    private static RequestError ToError(Diagnostic d) =>
        new(d.Code, d.Location is { } l ? $"{l}: {d.Message}" : d.Message, d.JsonPath, null, null, d.Help);

    private static async Task Json(HttpContext ctx, int status, byte[] bytes)
    {
        ctx.Response.StatusCode = status;
        ctx.Response.ContentType = "application/json";
        ctx.Response.ContentLength = bytes.Length;
        await ctx.Response.Body.WriteAsync(bytes, ctx.RequestAborted);
    }

    private byte[] BundleJson(BundleSnapshot snap, ReloadFailure? failure, ReloadOutcome? outcome)
    {
        var b = snap.Bundle;
        var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = CanonicalJson.Encoder }))
        {
            w.WriteStartObject();
            w.WriteString("name", b.Name);
            w.WriteString("version", b.Version);
            w.WriteString("digest", b.Digest);
            w.WriteString("loadedAt", snap.LoadedAt.UtcDateTime.ToString("yyyy'-'MM'-'dd'T'HH':'mm':'ss'Z'", System.Globalization.CultureInfo.InvariantCulture));
            if (outcome is not null)
            {
                w.WriteBoolean("changed", outcome.Changed);
                if (outcome.Changed && outcome.Previous is { } prev) w.WriteString("previousDigest", prev.Bundle.Digest);
            }
            w.WriteStartArray("policies");
            foreach (var d in b.Source.Documents.OrderBy(d => d.Header.Id, StringComparer.Ordinal).ThenBy(d => d.Header.From))
            {
                w.WriteStartObject();
                w.WriteString("ref", d.Header.Ref);
                w.WriteString("id", d.Header.Id);
                w.WriteString("version", d.Header.Version);
                w.WriteString("kind", d.Header.Kind);
                w.WriteString("file", d.File);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            if (failure is null) w.WriteNull("lastReloadError");
            else
            {
                w.WriteStartObject("lastReloadError");
                w.WriteString("at", failure.At.UtcDateTime.ToString("yyyy'-'MM'-'dd'T'HH':'mm':'ss'Z'", System.Globalization.CultureInfo.InvariantCulture));
                w.WriteString("trigger", failure.Trigger);
                w.WriteStartArray("errors");
                foreach (var d in failure.Errors)
                {
                    w.WriteStartObject();
                    w.WriteString("code", d.Code);
                    if (d.Location is { } l)
                    {
                        w.WriteString("file", l.File);
                        w.WriteNumber("line", l.Line);
                        w.WriteNumber("column", l.Column);
                    }
                    w.WriteString("message", d.Message);
                    if (d.Help is not null) w.WriteString("help", d.Help);
                    w.WriteEndObject();
                }
                w.WriteEndArray();
                w.WriteEndObject();
            }
            w.WriteEndObject();
        }
        buffer.WriteByte((byte)'\n');
        return buffer.ToArray();
    }
}
