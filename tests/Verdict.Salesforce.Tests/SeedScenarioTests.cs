using System.Text.Json;
using Verdict.Facts;
using Verdict.Rendering;

namespace Verdict.Salesforce.Tests;

/// <summary>
/// The three seed incidents, reproduced from Event Monitoring logs in <c>policies/examples/events/</c>: the facts the
/// logs give are approved, and deciding them owes the same notices, pages the same people and runs the same actions as
/// the hand-written example incident.
/// </summary>
public sealed class SeedScenarioTests
{
    public static TheoryData<string> Scenarios => new()
    {
        "fintech-credit-risk-sync", "b2b-saas-agent-scraping", "retail-ai-personalization-synthetic-export",
    };

    private static string Facts(string scenario)
    {
        var dir = Repo.Events(scenario);
        var c = Pipeline.Collect(dir, Path.Combine(dir, "map.yaml"));
        return Pipeline.Facts(c, Path.Combine(dir, "base.yaml"));
    }

    private static JsonElement Decide(string factsText) =>
        JsonDocument.Parse(DecisionJson.Write(Repo.Bundle.Decide(FactsLoader.LoadText(factsText)))).RootElement;

    private static JsonElement Approved(string scenario) =>
        JsonDocument.Parse(File.ReadAllText(Repo.PathOf("policies", "examples", scenario + ".decision.json"))).RootElement;

    [Theory, MemberData(nameof(Scenarios))]
    public void Facts_from_the_scenario_logs_are_the_approved_ones(string scenario) =>
        Approval.Verify(Repo.PathOf("tests", "Verdict.Salesforce.Tests", "Approved", scenario + ".facts.json"), Facts(scenario));

    [Theory, MemberData(nameof(Scenarios))]
    public void The_logs_date_the_incident_where_the_hand_written_example_does(string scenario)
    {
        var fromLogs = FactsLoader.LoadText(Facts(scenario));
        var example = FactsLoader.LoadFile(Repo.PathOf("policies", "examples", scenario + ".yaml"));
        Assert.Equal(example.Timeline.OccurredAt, fromLogs.Timeline.OccurredAt);
        Assert.Equal(example.Source.ConnectedApp, fromLogs.Source.ConnectedApp);
        Assert.Equal(example.Source.Integration, fromLogs.Source.Integration);
        Assert.Equal(example.Access.Select(a => (a.Actor, a.Purpose, a.Object, a.External)), fromLogs.Access.Select(a => (a.Actor, a.Purpose, a.Object, a.External)));
    }

    [Theory, MemberData(nameof(Scenarios))]
    public void Deciding_the_logs_gives_the_approved_severity_obligations_escalation_and_actions(string scenario)
    {
        var fromLogs = Decide(Facts(scenario));
        var approved = Approved(scenario);
        Assert.Equal(approved.GetProperty("severity").GetRawText(), fromLogs.GetProperty("severity").GetRawText());
        Assert.Equal(Obligations(approved), Obligations(fromLogs));
        Assert.Equal(approved.GetProperty("escalation").GetRawText(), fromLogs.GetProperty("escalation").GetRawText());
        Assert.Equal(approved.GetProperty("actions").GetRawText(), fromLogs.GetProperty("actions").GetRawText());
    }

    [Theory, MemberData(nameof(Scenarios))]
    public void Deciding_the_logs_finds_every_purpose_violation_of_the_example(string scenario)
    {
        var fromLogs = Violations(Decide(Facts(scenario)));
        foreach (var v in Violations(Approved(scenario))) Assert.Contains(v, fromLogs);
    }

    private static List<string> Obligations(JsonElement d) =>
        [.. d.GetProperty("obligations").EnumerateArray().Select(o =>
            $"{o.GetProperty("id")}|{o.GetProperty("stage")}|{o.GetProperty("status")}|{o.GetProperty("dueAt")}|{(o.TryGetProperty("legalDueAt", out var l) ? l.ToString() : "")}")];

    private static HashSet<string> Violations(JsonElement d) =>
        [.. d.GetProperty("purposeViolations").EnumerateArray().Select(v => $"{v.GetProperty("actor")}|{v.GetProperty("purpose")}|{v.GetProperty("object")}|{v.GetProperty("rule")}")];
}
