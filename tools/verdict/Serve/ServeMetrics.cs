using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Verdict.Cli.Serve;

/// <summary>A latency histogram with fixed buckets, lock-free.</summary>
public sealed class LatencyHistogram
{
    /// <summary>Upper bounds in seconds (Prometheus <c>le</c>).</summary>
    public static readonly double[] Bounds = [0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5];
    private readonly long[] _buckets = new long[Bounds.Length + 1];
    private long _count;
    private long _sumTicks;

    /// <summary>Records the time since <paramref name="startTimestamp"/> (<see cref="Stopwatch.GetTimestamp"/>).</summary>
    public void Observe(long startTimestamp)
    {
        var ticks = Stopwatch.GetTimestamp() - startTimestamp;
        var seconds = (double)ticks / Stopwatch.Frequency;
        var i = 0;
        while (i < Bounds.Length && seconds > Bounds[i]) i++;
        Interlocked.Increment(ref _buckets[i]);
        Interlocked.Increment(ref _count);
        Interlocked.Add(ref _sumTicks, ticks);
    }

    /// <summary>Writes the <c>_bucket</c>, <c>_sum</c> and <c>_count</c> series.</summary>
    public void Write(StringBuilder sb, string name, string labels)
    {
        long cumulative = 0;
        for (var i = 0; i < Bounds.Length; i++)
        {
            cumulative += Interlocked.Read(ref _buckets[i]);
            sb.Append(CultureInfo.InvariantCulture, $"{name}_bucket{{{labels},le=\"{Bounds[i].ToString("0.#####", CultureInfo.InvariantCulture)}\"}} {cumulative}\n");
        }
        cumulative += Interlocked.Read(ref _buckets[^1]);
        sb.Append(CultureInfo.InvariantCulture, $"{name}_bucket{{{labels},le=\"+Inf\"}} {cumulative}\n");
        sb.Append(CultureInfo.InvariantCulture, $"{name}_sum{{{labels}}} {((double)Interlocked.Read(ref _sumTicks) / Stopwatch.Frequency).ToString("R", CultureInfo.InvariantCulture)}\n");
        sb.Append(CultureInfo.InvariantCulture, $"{name}_count{{{labels}}} {Interlocked.Read(ref _count)}\n");
    }
}

/// <summary>Counters of the service, written in the Prometheus text format by <c>GET /metrics</c>.</summary>
public sealed class ServeMetrics
{
    /// <summary>Incident decisions answered.</summary>
    public long Decisions;
    /// <summary>Access decisions answered.</summary>
    public long AccessDecisions;
    /// <summary>Reloads attempted.</summary>
    public long Reloads;
    /// <summary>Reloads that kept the old bundle because the new one failed.</summary>
    public long ReloadFailures;
    /// <summary>Latency of <c>POST /v1/decisions</c>, including the decision log.</summary>
    public LatencyHistogram DecisionLatency { get; } = new();
    /// <summary>Latency of <c>POST /v1/access</c>, including the decision log.</summary>
    public LatencyHistogram AccessLatency { get; } = new();
    private readonly long[] _rejected = new long[600];

    /// <summary>Counts a request answered with a 4xx or 5xx status.</summary>
    public void Rejected(int status)
    {
        if (status is >= 400 and < 600) Interlocked.Increment(ref _rejected[status]);
    }

    /// <summary>The exposition text.</summary>
    public string Render(BundleHolder bundles, DecisionLog.DecisionLogWriter? log)
    {
        var sb = new StringBuilder(4096);
        var b = bundles.Current.Bundle;
        Help(sb, "verdict_decisions_total", "counter", "decisions answered, by endpoint");
        sb.Append(CultureInfo.InvariantCulture, $"verdict_decisions_total{{endpoint=\"decisions\"}} {Interlocked.Read(ref Decisions)}\n");
        sb.Append(CultureInfo.InvariantCulture, $"verdict_decisions_total{{endpoint=\"access\"}} {Interlocked.Read(ref AccessDecisions)}\n");
        Help(sb, "verdict_decision_duration_seconds", "histogram", "time from request to response of answered decisions, including the decision log");
        DecisionLatency.Write(sb, "verdict_decision_duration_seconds", "endpoint=\"decisions\"");
        AccessLatency.Write(sb, "verdict_decision_duration_seconds", "endpoint=\"access\"");
        Help(sb, "verdict_bundle_reloads_total", "counter", "bundle reloads attempted");
        sb.Append(CultureInfo.InvariantCulture, $"verdict_bundle_reloads_total {Interlocked.Read(ref Reloads)}\n");
        Help(sb, "verdict_bundle_reload_failures_total", "counter", "bundle reloads that failed and kept the last good bundle");
        sb.Append(CultureInfo.InvariantCulture, $"verdict_bundle_reload_failures_total {Interlocked.Read(ref ReloadFailures)}\n");
        Help(sb, "verdict_requests_rejected_total", "counter", "requests answered with an error status, by status");
        for (var s = 400; s < 600; s++)
            if (Interlocked.Read(ref _rejected[s]) is var n and > 0)
                sb.Append(CultureInfo.InvariantCulture, $"verdict_requests_rejected_total{{status=\"{s}\"}} {n}\n");
        Help(sb, "verdict_bundle_info", "gauge", "the bundle in service");
        sb.Append(CultureInfo.InvariantCulture, $"verdict_bundle_info{{name=\"{Escape(b.Name)}\",version=\"{Escape(b.Version)}\",digest=\"{b.Digest}\"}} 1\n");
        Help(sb, "verdict_bundle_last_reload_failed", "gauge", "1 when the last reload failed and an older bundle is serving");
        sb.Append(CultureInfo.InvariantCulture, $"verdict_bundle_last_reload_failed {(bundles.LastFailure is null ? 0 : 1)}\n");
        if (log is not null)
        {
            Help(sb, "verdict_decision_log_seq", "gauge", "sequence number of the last decision-log record");
            sb.Append(CultureInfo.InvariantCulture, $"verdict_decision_log_seq {log.LastSeq}\n");
            Help(sb, "verdict_decision_log_failed", "gauge", "1 when the decision log cannot be written (decisions are refused)");
            sb.Append(CultureInfo.InvariantCulture, $"verdict_decision_log_failed {(log.Fault is null ? 0 : 1)}\n");
            Help(sb, "verdict_decision_log_records_total", "counter", "decision-log records written since start (checkpoints included)");
            sb.Append(CultureInfo.InvariantCulture, $"verdict_decision_log_records_total {log.RecordsWritten}\n");
            Help(sb, "verdict_decision_log_fsyncs_total", "counter", "batch writes synced to disk since start; records_total / fsyncs_total is the group-commit factor");
            sb.Append(CultureInfo.InvariantCulture, $"verdict_decision_log_fsyncs_total {log.Fsyncs}\n");
        }
        return sb.ToString();
    }

    private static void Help(StringBuilder sb, string name, string type, string help) =>
        sb.Append(CultureInfo.InvariantCulture, $"# HELP {name} {help}\n# TYPE {name} {type}\n");

    private static string Escape(string s) => s.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);
}
