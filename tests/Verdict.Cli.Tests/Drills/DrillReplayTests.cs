using Verdict.Cli.Commands;
using Verdict.Cli.Drills;
using Verdict.Compilation;
using Verdict.Diagnostics;
using Verdict.Rendering;

namespace Verdict.Cli.Tests.Drills;

/// <summary>Drill replays of the shipped scenarios are approved snapshots; the replay depends on the facts, not on timing.</summary>
public sealed class DrillReplayTests
{
    private static readonly Lazy<PolicyBundle> Bundle = new(() => BundleCache.Load(ServeRepo.Policies, new BundleOptions()));

    public static TheoryData<string> Shipped() =>
        [.. Directory.GetFiles(Path.Combine(ServeRepo.Policies, "drills"), "*.yaml").Select(p => Path.GetFileNameWithoutExtension(p)!).Order(StringComparer.Ordinal)];

    private static string ScenarioPath(string name) => Path.Combine(ServeRepo.Policies, "drills", name + ".yaml");

    [Theory]
    [MemberData(nameof(Shipped))]
    public void A_shipped_drill_replays_as_approved(string name)
    {
        var run = DrillReplay.Run(DrillReader.Read(ScenarioPath(name)), Bundle.Value);
        var actual = DrillReport.Write(run, markdown: true);
        var approvedPath = Path.Combine(ServeRepo.Policies, "drills", name + ".replay.md");
        Assert.True(File.Exists(approvedPath), $"no approved replay: run `verdict drill policies/drills/{name}.yaml --format markdown --output policies/drills/{name}.replay.md` and review it");
        Assert.Equal(File.ReadAllText(approvedPath), actual);
    }

    [Theory]
    [MemberData(nameof(Shipped))]
    public void Every_shipped_drill_flips_an_obligation_and_an_escalation(string name)
    {
        var run = DrillReplay.Run(DrillReader.Read(ScenarioPath(name)), Bundle.Value);
        var changes = run.Checkpoints.SelectMany(c => c.Changes).ToList();
        Assert.Contains(changes, c => c.Contains(" → required", StringComparison.Ordinal) || c.Contains("appears: required", StringComparison.Ordinal));
        Assert.Contains(changes, c => c.StartsWith("page ", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Shipped))]
    public void Knowing_every_inject_at_T0_gives_the_same_final_decision(string name)
    {
        var scenario = DrillReader.Read(ScenarioPath(name));
        var replayed = DrillReplay.Run(scenario, Bundle.Value).Checkpoints[^1].Decision;
        var allAtStart = scenario with { Injects = [.. scenario.Injects.Select(i => i with { At = scenario.Start })] };
        var known = DrillReplay.Run(allAtStart, Bundle.Value).Checkpoints[^1].Decision;
        Assert.Equal(DecisionJson.Write(replayed), DecisionJson.Write(known));
    }

    [Fact]
    public void Deciding_the_final_facts_directly_gives_the_replays_final_decision()
    {
        var scenario = DrillReader.Read(ScenarioPath("retail-synthetic-export"));
        var run = DrillReplay.Run(scenario, Bundle.Value);
        var direct = Bundle.Value.Decide(run.Checkpoints[^1].Facts);
        Assert.Equal(DecisionJson.Write(direct), DecisionJson.Write(run.Checkpoints[^1].Decision));
    }

    [Fact]
    public void A_misspelt_fact_path_in_an_inject_is_located_with_a_suggestion()
    {
        var file = Scenario("""
            injects:
              - at: 2h
                title: typo
                set:
                  breach.exfiltraton: confirmed
            """);
        var e = Assert.Throws<VerdictException>(() => DrillReader.Read(file));
        var d = Assert.Single(e.Diagnostics);
        Assert.Equal(Codes.UnknownFactPath, d.Code);
        Assert.Equal(11, d.Location!.Line);
        Assert.Contains("breach.exfiltration", d.Help);
    }

    [Fact]
    public void An_inject_before_T0_is_refused()
    {
        var file = Scenario("""
            injects:
              - at: 2026-11-01T00:00:00Z
                title: too early
            """);
        var e = Assert.Throws<VerdictException>(() => DrillReader.Read(file));
        Assert.Contains("before T0", Assert.Single(e.Diagnostics).Message);
    }

    [Fact]
    public void A_team_notice_for_an_unknown_obligation_is_refused_with_a_suggestion()
    {
        var file = Scenario("""
            team:
              - { at: 1h, notice: gdpr-art33-sx }
            """);
        var e = Assert.Throws<VerdictException>(() => DrillReplay.Run(DrillReader.Read(file), Bundle.Value));
        var d = Assert.Single(e.Diagnostics);
        Assert.Equal(Codes.UnknownReference, d.Code);
        Assert.Contains("gdpr-art33-sa", d.Help);
    }

    [Fact]
    public void A_notice_after_its_deadline_is_late_by_the_difference()
    {
        var file = Scenario("""
            team:
              - { at: 73h, notice: gdpr-art33-sa }
            """);
        var run = DrillReplay.Run(DrillReader.Read(file), Bundle.Value);
        var duty = run.Duties.Single(d => d.Obligation.Id == "gdpr-art33-sa");
        Assert.Equal("late", duty.Result);
        Assert.Equal(NodaTime.Duration.FromHours(1), duty.Margin);
    }

    [Fact]
    public void An_action_done_before_its_dependency_is_out_of_order()
    {
        var file = Scenario("""
            team:
              - { at: 10m, action: revoke-oauth-tokens }
              - { at: 20m, action: preserve-event-logs }
            """);
        var run = DrillReplay.Run(DrillReader.Read(file), Bundle.Value);
        var revoke = run.Actions.Single(a => a.Action.Id == "revoke-oauth-tokens");
        Assert.Equal("out of order", revoke.Result);
        Assert.Equal(["preserve-event-logs"], revoke.DoneBefore);
    }

    /// <summary>A scenario in a temporary folder over the shipped fintech start facts, with <paramref name="tail"/> appended.</summary>
    private static string Scenario(string tail)
    {
        var dir = Directory.CreateTempSubdirectory("verdict-drill-").FullName;
        File.Copy(Path.Combine(ServeRepo.Policies, "drills", "facts", "fintech-credit-risk-sync.start.yaml"), Path.Combine(dir, "start.yaml"));
        var path = Path.Combine(dir, "drill.yaml");
        File.WriteAllText(path, """
            apiVersion: verdict.dev/v1
            kind: Drill
            id: drill/test
            title: test
            facts: start.yaml
            end: 96h

            """ + tail + "\n");
        return path;
    }
}
