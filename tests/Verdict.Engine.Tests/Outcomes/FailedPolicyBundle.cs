namespace Verdict.Tests.Outcomes;

/// <summary>
/// A bundle whose unique severity matrix matches two rows for a health incident of 10 records, next to a GDPR-like
/// 72-hour duty and an escalation path: the matrix fails at decision time, everything else can still be decided.
/// </summary>
internal static class FailedPolicyBundle
{
    public const string Matrix = """
        apiVersion: verdict.dev/v1
        kind: SeverityMatrix
        id: severity/overlap
        version: 1.0.0
        owner: test
        effective: { from: 2020-01-01 }
        hitPolicy: unique
        inputs:
          - { id: records, expression: data.records }
          - { id: cats, expression: data.categories }
        rows:
          - { id: small, when: { records: "< 1000" }, level: low }
          - { id: health, when: { cats: [health] }, level: high }
        """;

    public const string Duty = """
        apiVersion: verdict.dev/v1
        kind: NotificationObligation
        id: notification/duty
        version: 1.0.0
        owner: test
        effective: { from: 2020-01-01 }
        citations: ["test"]
        regime: gdpr
        jurisdiction: EU
        territorial: always
        obligations:
          - id: to-regulator
            recipient: supervisory-authority
            citation: test
            stages: [{ stage: single, deadline: { from: awareAt, within: 72h } }]
        """;

    public const string Path = """
        apiVersion: verdict.dev/v1
        kind: EscalationPath
        id: escalation/path
        version: 1.0.0
        owner: test
        effective: { from: 2020-01-01 }
        steps:
          - { id: on-call, role: privacy-on-call, channel: pager, ackWithin: 15m }
          - { id: exec, role: ciso, channel: phone, ackWithin: 1h, when: 'severity.atLeast("high")' }
        """;

    public const string Facts = "id: F-1\ntimeline:\n  awareAt: 2026-06-01T10:00:00Z\ndata:\n  records: 10\n  categories: [health]\n";

    /// <summary>Writes the bundle and the facts file into <paramref name="dir"/>.</summary>
    public static TempBundle Write(TempBundle dir) =>
        dir.Write("severity/overlap.yaml", Matrix).Write("notification/duty.yaml", Duty).Write("escalation/path.yaml", Path).Write("facts.yaml", Facts);
}
