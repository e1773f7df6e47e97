using System.Diagnostics.Metrics;

namespace Verdict.Hosting;

/// <summary>The instruments of the <c>Verdict</c> meter: decisions, decisions with failed items, reloads, failed reloads.</summary>
public static class VerdictMetrics
{
    /// <summary>The meter's name, for <c>AddMeter</c> in OpenTelemetry or <c>dotnet-counters</c>.</summary>
    public const string MeterName = "Verdict";

    private static readonly Meter Meter = new(MeterName);

    /// <summary>Incident decisions answered.</summary>
    public static readonly Counter<long> Decisions = Meter.CreateCounter<long>("verdict.decisions", description: "incident decisions answered");

    /// <summary>Decisions in which some policy failed (their items are <c>failed</c>).</summary>
    public static readonly Counter<long> DecisionsWithFailures =
        Meter.CreateCounter<long>("verdict.decisions.with_failures", description: "decisions in which a policy failed while deciding");

    /// <summary>Bundle reloads that took effect.</summary>
    public static readonly Counter<long> Reloads = Meter.CreateCounter<long>("verdict.bundle.reloads", description: "bundle reloads that took effect");

    /// <summary>Bundle reloads that failed; the last good bundle kept serving.</summary>
    public static readonly Counter<long> ReloadFailures = Meter.CreateCounter<long>("verdict.bundle.reload_failures", description: "bundle reloads that failed");
}
