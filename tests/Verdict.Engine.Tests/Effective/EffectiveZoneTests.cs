using Verdict.Compilation;
using Verdict.Decisions;
using Verdict.Facts;
using Verdict.Model;
using NodaTime;

namespace Verdict.Tests.Effective;

/// <summary>
/// Every kind reads its effective dates in the policy's zone against <c>timeline.awareAt</c>. Versions switch on
/// 2026-06-01 in Pacific/Kiritimati (UTC+14), which begins at 2026-05-31T10:00Z; an incident the controller became
/// aware of at 2026-05-31T12:00Z is on 1 June there (still 31 May in UTC), so every kind must pick version 2.0.0.
/// </summary>
public class EffectiveZoneTests
{
    private const string Zone = "Pacific/Kiritimati";

    private static string Header(string kind, string id, string version, string effective) => $"""
        apiVersion: verdict.dev/v1
        kind: {kind}
        id: {id}
        version: {version}
        owner: test
        effective: {effective}
        citations: ["test"]

        """;

    private static readonly string[] Versions = ["1.0.0", "2.0.0"];

    private static string Effective(string version) => version == "1.0.0"
        ? $"{{ from: 2020-01-01, until: 2026-06-01, zone: {Zone} }}"
        : $"{{ from: 2026-06-01, zone: {Zone} }}";

    private static string Body(string kind, string version) => kind switch
    {
        "SeverityMatrix" => $"""
            hitPolicy: first
            inputs: [{"{"} id: records, expression: data.records {"}"}]
            rows: [{"{"} id: any-{version[0]}, when: {"{"} records: "-" {"}"}, level: {(version == "1.0.0" ? "low" : "high")} {"}"}]
            """,
        "NotificationObligation" => """
            regime: gdpr
            jurisdiction: EU
            territorial: always
            obligations:
              - id: to-regulator
                recipient: supervisory-authority
                citation: test
                stages: [{ stage: single, deadline: { from: awareAt, within: 72h } }]
            """,
        "PurposeBinding" => """
            purpose: support
            citation: test
            actors: [agent]
            allow: [Case.Subject]
            """,
        "EscalationPath" => """
            steps: [{ id: on-call, role: privacy-on-call, channel: pager, ackWithin: 15m }]
            """,
        "ActionPlan" => """
            actions: [{ id: preserve-logs }]
            """,
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    private static Decision Decide(string awareAt)
    {
        using var dir = new TempBundle();
        foreach (var kind in Kinds)
        foreach (var v in Versions)
            dir.Write($"{kind}/{v}.yaml", Header(kind, $"{kind.ToLowerInvariant()}/p", v, Effective(v)) + Body(kind, v));
        var bundle = PolicyBundle.Load(dir.Dir);
        return bundle.Decide(FactsLoader.LoadText($"""
            id: Z-1
            timeline: {"{"} awareAt: {awareAt} {"}"}
            data: {"{"} records: 10 {"}"}
            access: [{"{"} actor: agent, purpose: support, object: Case, fields: [Body] {"}"}]
            """));
    }

    private static readonly string[] Kinds = ["SeverityMatrix", "NotificationObligation", "PurposeBinding", "EscalationPath", "ActionPlan"];

    /// <summary>The version each kind's result cites.</summary>
    private static Dictionary<string, string> Picked(Decision d) => new()
    {
        ["SeverityMatrix"] = d.Severity.Policy,
        ["NotificationObligation"] = Assert.Single(d.Obligations).Policy,
        ["PurposeBinding"] = Assert.Single(d.PurposeViolations).Policy,
        ["EscalationPath"] = Assert.Single(d.Escalation).Policy,
        ["ActionPlan"] = Assert.Single(d.Actions).Policy,
    };

    [Theory]
    [InlineData("2026-05-31T12:00:00Z", "2.0.0")] // 1 June, 02:00 in Kiritimati
    [InlineData("2026-05-31T09:59:59Z", "1.0.0")] // 31 May, 23:59:59 in Kiritimati
    [InlineData("2026-05-31T10:00:00Z", "2.0.0")] // the first instant of 1 June there
    public void Every_kind_switches_versions_at_the_same_instant_in_the_policy_zone(string awareAt, string version)
    {
        var picked = Picked(Decide(awareAt));
        foreach (var kind in Kinds)
            Assert.Equal($"{kind.ToLowerInvariant()}/p@{version}", picked[kind]);
    }

    [Fact]
    public void A_period_is_read_in_its_zone()
    {
        var p = new EffectivePeriod(new LocalDate(2026, 6, 1), null, DateTimeZoneProviders.Tzdb[Zone]);
        Assert.Equal(Instant.FromUtc(2026, 5, 31, 10, 0), p.Start);
        Assert.True(p.Contains(Instant.FromUtc(2026, 5, 31, 10, 0)));
        Assert.False(p.Contains(Instant.FromUtc(2026, 5, 31, 9, 59)));
    }

    [Fact]
    public void Versions_whose_periods_overlap_only_through_their_zones_are_a_load_error()
    {
        // v1 ends on 1 June in UTC; v2 starts on 1 June in Kiritimati, 14 hours earlier: both would be in force.
        using var dir = new TempBundle();
        dir.Write("e/1.yaml", Header("EscalationPath", "escalation/p", "1.0.0", "{ from: 2020-01-01, until: 2026-06-01 }") + Body("EscalationPath", "1.0.0"));
        dir.Write("e/2.yaml", Header("EscalationPath", "escalation/p", "2.0.0", $"{{ from: 2026-06-01, zone: {Zone} }}") + Body("EscalationPath", "2.0.0"));
        var e = Assert.Throws<Verdict.Diagnostics.VerdictException>(() => PolicyBundle.Load(dir.Dir));
        Assert.Equal(Verdict.Diagnostics.Codes.OverlappingEffective, Assert.Single(e.Diagnostics).Code);
    }
}
