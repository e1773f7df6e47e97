using NodaTime;
using Verdict.Compilation;
using Verdict.Decisions;
using Verdict.Diagnostics;
using Verdict.Facts;
using Verdict.Model;
using Verdict.Syntax;

namespace Verdict.Tests.Escalation;

/// <summary>Escalation steps: selection by conditions, due instants, and anchoring on regulator deadlines.</summary>
public class EscalationPathTests
{
    private const string Path = """
        apiVersion: verdict.dev/v1
        kind: EscalationPath
        id: escalation/test
        version: 1.0.0
        owner: test
        effective: { from: 2020-01-01 }
        steps:
          - { id: on-call, role: privacy-on-call, channel: pager, ackWithin: 15m, escalateTo: dpo }
          - { id: ai, role: ai-governance-lead, channel: pager, ackWithin: PT30M, when: 'ai.involved' }
          - { id: dpo-now, role: dpo, channel: phone, ackWithin: 90m, when: 'earliestDueWithinHours(24)' }
          - { id: gdpr, role: gdpr-desk, channel: ticket, ackWithin: 1d, when: 'owes("gdpr")' }
          - { id: exec-include, role: ciso, channel: phone, ackWithin: 1h, when: 'severity.atLeast("high")' }
          - { id: exec-skip, role: ceo, channel: phone, ackWithin: 1h, when: 'severity.atLeast("high")', whenUnknown: skip }
          - { id: legal, role: legal-counsel, channel: email, ackWithin: 2h, due: { before: earliestDue, offset: 24h } }
          - { id: forensics, role: forensics, channel: chat, ackWithin: 4h, due: { after: detectedAt, offset: PT2H } }
        """;

    /// <summary>A regulator duty due <paramref name="hours"/> after awareness, and a 6-hour duty to data subjects.</summary>
    private static string Duties(int hours, string when = "true") => $"""
        apiVersion: verdict.dev/v1
        kind: NotificationObligation
        id: notification/test
        version: 1.0.0
        owner: test
        effective: {"{"} from: 2020-01-01 {"}"}
        citations: ["test"]
        regime: gdpr
        jurisdiction: EU
        territorial: always
        obligations:
          - id: to-regulator
            recipient: supervisory-authority
            citation: test
            when: '{when}'
            stages: [{"{"} stage: single, deadline: {"{"} from: awareAt, within: {hours}h {"}"} {"}"}]
          - id: to-people
            recipient: data-subjects
            citation: test
            stages: [{"{"} stage: single, deadline: {"{"} from: awareAt, within: 6h {"}"} {"}"}]
        """;

    private static Decision Decide(string duties, bool ai = true, bool detected = true)
    {
        using var dir = new TempBundle();
        dir.Write("escalation/test.yaml", Path).Write("notification/test.yaml", duties);
        var bundle = PolicyBundle.Load(dir.Dir);
        var facts = "id: E\ntimeline:\n  awareAt: 2026-06-01T10:00:00Z\n" + (detected ? "  detectedAt: 2026-06-01T08:00:00Z\n" : "") +
                    $"ai:\n  involved: {(ai ? "true" : "false")}\n";
        return bundle.Decide(FactsLoader.LoadText(facts));
    }

    private static EscalationStep? Step(Decision d, string role) => d.Escalation.FirstOrDefault(s => s.Role == role);

    private static readonly Instant Aware = Instant.FromUtc(2026, 6, 1, 10, 0);

    [Theory]
    [InlineData(true, true)]
    [InlineData(false, false)]
    public void The_ai_governance_role_joins_when_an_ai_system_is_involved(bool ai, bool joins) =>
        Assert.Equal(joins, Step(Decide(Duties(72), ai: ai), "ai-governance-lead") is not null);

    [Theory]
    [InlineData(24, true)]  // a 24-hour regulator deadline: the DPO is paged at once
    [InlineData(4, true)]
    [InlineData(72, false)] // the 6-hour duty to data subjects counts too; see the next test
    public void The_dpo_is_paged_at_once_when_a_deadline_of_24_hours_or_less_is_owed(int hours, bool paged)
    {
        // the 6-hour notice to data subjects is also a deadline within 24 hours, so switch it off here
        var duties = Duties(hours).Replace("recipient: data-subjects\n    citation: test\n", "recipient: data-subjects\n    citation: test\n    when: 'false'\n");
        Assert.Equal(paged, Step(Decide(duties), "dpo") is not null);
    }

    [Fact]
    public void A_short_deadline_to_data_subjects_also_pages_the_dpo() => Assert.NotNull(Step(Decide(Duties(72)), "dpo"));

    [Fact]
    public void Conditions_may_ask_which_regimes_are_owed()
    {
        Assert.NotNull(Step(Decide(Duties(72)), "gdpr-desk"));
        Assert.Null(Step(Decide(Duties(72, when: "false").Replace("regime: gdpr", "regime: dora")), "gdpr-desk"));
    }

    [Fact]
    public void A_step_anchored_on_the_earliest_regulator_deadline_is_due_that_long_before_it()
    {
        var legal = Step(Decide(Duties(72)), "legal-counsel")!;
        // 72 h after awareness, less 24 h; the 6-hour notice to data subjects is not a regulator deadline
        Assert.Equal(Aware + Duration.FromHours(48), legal.DueAt);
        Assert.Contains("due PT24H before to-regulator (2026-06-04T10:00:00Z)", legal.Reason);
    }

    [Fact]
    public void A_backward_anchor_already_past_at_awareness_is_due_at_once()
    {
        var legal = Step(Decide(Duties(12)), "legal-counsel")!;
        Assert.Equal(Aware, legal.DueAt);
        Assert.Contains("due at once", legal.Reason);
    }

    [Fact]
    public void Without_a_regulator_deadline_an_anchored_step_has_no_due_instant()
    {
        var legal = Step(Decide(Duties(72, when: "false")), "legal-counsel")!;
        Assert.Null(legal.DueAt);
        Assert.Contains("no regulator notification with a deadline is required", legal.Reason);
    }

    [Fact]
    public void A_step_may_count_forward_from_another_timeline_event()
    {
        Assert.Equal(Instant.FromUtc(2026, 6, 1, 10, 0), Step(Decide(Duties(72)), "forensics")!.DueAt);
        var missing = Step(Decide(Duties(72), detected: false), "forensics")!;
        Assert.Null(missing.DueAt);
        Assert.Contains("needs timeline.detectedAt", missing.Reason);
    }

    [Fact]
    public void Unanchored_steps_are_due_ack_within_after_awareness_and_numbered_in_order()
    {
        var d = Decide(Duties(72));
        Assert.Equal(Enumerable.Range(1, d.Escalation.Count), d.Escalation.Select(s => s.Step));
        var first = d.Escalation[0];
        Assert.Equal(("privacy-on-call", "pager", "PT15M", "dpo"), (first.Role, first.Channel, first.AckWithin, first.EscalateTo));
        Assert.Equal(Aware + Duration.FromMinutes(15), first.DueAt);
        Assert.Equal("PT1H30M", Step(d, "dpo")!.AckWithin);
        Assert.Equal("PT24H", Step(d, "gdpr-desk")!.AckWithin);
        Assert.Equal("escalation/test@1.0.0", first.Policy);
    }

    [Fact]
    public void An_unknown_condition_pages_unless_the_step_says_skip()
    {
        // no severity matrix: severity stays unknown
        var d = Decide(Duties(72));
        var included = Step(d, "ciso")!;
        Assert.Contains("paged because the condition is unknown without severity", included.Reason);
        Assert.Null(Step(d, "ceo"));
    }

    [Theory]
    [InlineData("15m", "PT15M")]
    [InlineData("24h", "PT24H")]
    [InlineData("2d", "PT48H")]
    [InlineData("PT15M", "PT15M")]
    [InlineData("PT1H30M", "PT1H30M")]
    [InlineData("P1DT2H", "PT26H")]
    [InlineData("PT0M", "PT0M")]
    public void Durations_are_read_in_iso_or_short_form_and_written_in_hours_and_minutes(string text, string iso) =>
        Assert.Equal(iso, EscalationReader.FormatDuration(EscalationReader.ParseDuration(Scalar(text))));

    [Theory]
    [InlineData("P")]
    [InlineData("PT")]
    [InlineData("15 minutes")]
    public void A_malformed_duration_is_an_error_at_its_place(string text)
    {
        var e = Assert.Throws<VerdictException>(() => EscalationReader.ParseDuration(Scalar(text)));
        Assert.Equal(Codes.BadFormat, e.Diagnostics[0].Code);
        Assert.Equal($"`{text}` is not a duration", e.Diagnostics[0].Message);
    }

    [Fact]
    public void A_due_rule_with_both_after_and_before_is_a_load_error()
    {
        using var dir = new TempBundle();
        dir.Write("escalation/test.yaml", Path.Replace("due: { after: detectedAt, offset: PT2H }", "due: { after: detectedAt, before: earliestDue, offset: PT2H }"));
        var e = Assert.Throws<VerdictException>(() => PolicyBundle.Load(dir.Dir));
        var d = Assert.Single(e.Diagnostics);
        Assert.Equal((Codes.BadValue, "`due` has both `after` and `before`"), (d.Code, d.Message));
        Assert.Equal(15, d.Location!.Line);
    }

    [Fact]
    public void An_unknown_fact_in_a_step_condition_is_a_load_error()
    {
        using var dir = new TempBundle();
        dir.Write("escalation/test.yaml", Path.Replace("when: 'ai.involved'", "when: 'ai.invlved'"));
        var e = Assert.Throws<VerdictException>(() => PolicyBundle.Load(dir.Dir));
        Assert.Equal(Codes.UnknownFactPath, Assert.Single(e.Diagnostics).Code);
    }

    private static ScalarNode Scalar(string text) => new(new SourceLocation("t.yaml", 3, 7), "ackWithin", text, ScalarKind.String);
}
