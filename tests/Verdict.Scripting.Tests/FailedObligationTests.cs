using Verdict.Decisions;
using Verdict.Diagnostics;
using Verdict.Facts;

namespace Verdict.Scripting.Tests;

/// <summary>
/// A js duty that breaks a limit fails alone: its stages are <c>failed</c> with the diagnostic, the other duties of
/// the same policy and every other policy are still decided, and escalation sees <c>owes(..)</c> as unknown.
/// </summary>
public sealed class FailedObligationTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("verdict-failed-").FullName;

    public void Dispose()
    {
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }

    private void Write(string relative, string text)
    {
        var path = Path.Combine(_dir, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }

    private static string Duties(string id, string language, string when) => $"""
        apiVersion: verdict.dev/v1
        kind: NotificationObligation
        id: notification/{id}
        version: 1.0.0
        owner: test
        effective: {"{"} from: 2020-01-01 {"}"}
        language: {language}
        citations: ["test"]
        regime: {id}
        jurisdiction: EU
        territorial: always
        obligations:
          - id: {id}-spins
            recipient: supervisory-authority
            citation: test
            when: '{when}'
            stages: [{"{"} stage: single, deadline: {"{"} from: awareAt, within: 24h {"}"} {"}"}]
          - id: {id}-plain
            recipient: data-subjects
            citation: test
            stages: [{"{"} stage: single, deadline: {"{"} from: awareAt, within: 72h {"}"} {"}"}]
        """;

    private Decision Decide()
    {
        Write("bundle.yaml", "apiVersion: verdict.dev/v1\nkind: Bundle\nname: t\nversion: 1.0.0\nlimits:\n  jsMaxStatements: 100\n");
        Write("notification/gdpr.yaml", Duties("gdpr", "js", "(() => { while (true) {} })()"));
        Write("notification/nis2.yaml", Duties("nis2", "lambda", "true"));
        Write("escalation/p.yaml", """
            apiVersion: verdict.dev/v1
            kind: EscalationPath
            id: escalation/p
            version: 1.0.0
            owner: test
            effective: { from: 2020-01-01 }
            steps: [{ id: desk, role: gdpr-desk, channel: ticket, ackWithin: 1h, when: 'owes("gdpr")' }]
            """);
        return ScriptLanguages.Load(_dir).Decide(FactsLoader.LoadText("id: F-1\ntimeline: { awareAt: 2026-06-01T10:00:00Z }\n"));
    }

    [Fact]
    public void The_failing_duty_is_failed_and_every_other_duty_is_decided()
    {
        var status = Decide().Obligations.ToDictionary(o => o.Id, o => o.Status);
        Assert.Equal(Outcome.Failed, status["gdpr-spins"]);
        Assert.Equal(Outcome.Required, status["gdpr-plain"]);
        Assert.Equal(Outcome.Required, status["nis2-spins"]);
        Assert.Equal(Outcome.Required, status["nis2-plain"]);
    }

    [Fact]
    public void The_failure_names_the_duty_and_the_script_limit()
    {
        var f = Assert.Single(Decide().Failures);
        Assert.Equal(("obligations", "notification/gdpr@1.0.0", "gdpr-spins"), (f.Stage, f.Policy, f.Item));
        Assert.Equal(Codes.ScriptLimit, f.Code);
        Assert.EndsWith("notification/gdpr.yaml", f.File!.Replace('\\', '/'));
    }

    [Fact]
    public void Owes_after_a_failed_obligation_is_unknown_so_an_including_step_pages_with_the_reason()
    {
        var step = Assert.Single(Decide().Escalation);
        Assert.Contains("unknown without obligations", step.Reason);
    }
}
