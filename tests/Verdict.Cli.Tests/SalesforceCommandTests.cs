using System.Text.Json;

namespace Verdict.Cli.Tests;

/// <summary><c>verdict facts salesforce</c> and <c>verdict audit access</c> as a user runs them.</summary>
public sealed class SalesforceCommandTests
{
    private const string Scenario = "policies/examples/events/b2b-saas-agent-scraping";

    [Fact]
    public void Facts_from_the_logs_go_straight_into_decide()
    {
        var output = Path.Combine(Path.GetTempPath(), $"verdict-sf-{Guid.NewGuid():N}.json");
        try
        {
            var facts = VerdictRun.Run(ServeRepo.Root, "facts", "salesforce", "--events", Scenario, "--map", Scenario + "/map.yaml",
                "--incident", Scenario + "/base.yaml", "--policies", "policies", "--output", output);
            Assert.Equal(0, facts.Exit);
            Assert.Contains("1 bad lines", facts.Stderr);
            var decide = VerdictRun.Run(ServeRepo.Root, "decide", "--policies", "policies", "--facts", output);
            Assert.Equal(0, decide.Exit);
            Assert.Equal("INC-2026-0117", JsonDocument.Parse(decide.Stdout).RootElement.GetProperty("incidentId").GetString());
        }
        finally { File.Delete(output); }
    }

    [Fact]
    public void An_unknown_column_stops_with_the_file_line_and_column()
    {
        var dir = Directory.CreateTempSubdirectory("verdict-sf-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(dir, "api.csv"), "\"EVENT_TYPE\",\"TIMESTAMP_DERIVED\",\"USER_ID\",\"ENTITY_NAME\",\"ROWS_PROCESSED\",\"COLOUR\"\n\"API\",\"2026-12-01T00:00:00Z\",\"005\",\"Case\",\"1\",\"red\"\n");
            var r = VerdictRun.Run(dir, "facts", "salesforce", "--events", "api.csv", "--map", Path.Combine(ServeRepo.Root, Scenario, "map.yaml"));
            Assert.Equal(2, r.Exit);
            Assert.StartsWith("api.csv:1:75: error VD1900: column `COLOUR` is not a documented field of the `API` event type", r.Stderr);
            Assert.DoesNotContain("   at ", r.Stderr);
        }
        finally { Directory.Delete(dir, true); }
    }

    [Fact]
    public void The_audit_reports_violations_by_actor_and_purpose_and_exits_1()
    {
        var r = VerdictRun.Run(ServeRepo.Root, "audit", "access", "--events", Scenario, "--map", Scenario + "/map.yaml", "--policies", "policies", "--format", "json");
        Assert.Equal(1, r.Exit);
        var groups = JsonDocument.Parse(r.Stdout).RootElement.GetProperty("violations").EnumerateArray()
            .Select(g => (g.GetProperty("actor").GetString(), g.GetProperty("purpose").GetString(), g.GetProperty("events").GetInt64())).ToList();
        Assert.Equal([("support-agent-v3", "customer-support", 38L), ("support-agent-v3", "marketing-personalization", 18L)], groups);
    }

    [Fact]
    public void Jsonl_audit_output_is_one_sarif_like_result_per_line()
    {
        var r = VerdictRun.Run(ServeRepo.Root, "audit", "access", "--events", Scenario, "--map", Scenario + "/map.yaml", "--policies", "policies", "--format", "jsonl");
        var lines = r.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.NotEmpty(lines);
        foreach (var line in lines)
        {
            var e = JsonDocument.Parse(line).RootElement;
            Assert.Equal("error", e.GetProperty("level").GetString());
            Assert.True(e.GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("region").GetProperty("startLine").GetInt32() >= 1);
        }
        Assert.Contains(lines, l => l.Contains("\"ruleId\":\"purpose/customer-support@1.0.0#deny/sales-pipeline\"", StringComparison.Ordinal));
    }

    [Fact]
    public void A_window_that_ends_before_it_starts_is_a_usage_error()
    {
        var r = VerdictRun.Run(ServeRepo.Root, "facts", "salesforce", "--events", Scenario, "--map", Scenario + "/map.yaml", "--window", "2026-12-08..2026-12-01");
        Assert.Equal(ExitCodes.Usage, r.Exit);
        Assert.Contains("ends before it starts", r.Stderr);
    }
}
