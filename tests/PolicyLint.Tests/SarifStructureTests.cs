using System.Text.Json;
using Verdict.Lint.Output;

namespace Verdict.Lint.Tests;

/// <summary>
/// The SARIF log keeps to the SARIF 2.1.0 schema for every object it writes (the schema forbids unknown properties,
/// so each object's keys are checked against the schema's property lists) and to what GitHub code scanning needs.
/// </summary>
public class SarifStructureTests
{
    // Property names allowed by the OASIS SARIF 2.1.0 schema for the objects policy-lint writes (a subset of each list).
    private static readonly Dictionary<string, string[]> Allowed = new()
    {
        ["log"] = ["$schema", "version", "runs", "inlineExternalProperties", "properties"],
        ["run"] = ["tool", "results", "invocations", "originalUriBaseIds", "artifacts", "columnKind", "automationDetails", "properties"],
        ["tool"] = ["driver", "extensions", "properties"],
        ["driver"] = ["name", "semanticVersion", "version", "informationUri", "rules", "fullName", "organization", "properties"],
        ["rule"] = ["id", "name", "shortDescription", "fullDescription", "defaultConfiguration", "help", "helpUri", "properties"],
        ["text"] = ["text", "markdown", "properties"],
        ["configuration"] = ["enabled", "level", "rank", "parameters", "properties"],
        ["result"] = ["ruleId", "ruleIndex", "level", "message", "locations", "kind", "partialFingerprints", "fingerprints", "properties"],
        ["location"] = ["physicalLocation", "id", "logicalLocations", "message", "properties"],
        ["physicalLocation"] = ["artifactLocation", "region", "contextRegion", "address", "properties"],
        ["artifactLocation"] = ["uri", "uriBaseId", "index", "description", "properties"],
        ["region"] = ["startLine", "startColumn", "endLine", "endColumn", "charOffset", "charLength", "snippet", "properties"],
    };

    private static readonly string[] Levels = ["none", "note", "warning", "error"];

    private static void Keys(JsonElement e, string kind)
    {
        Assert.Equal(JsonValueKind.Object, e.ValueKind);
        foreach (var p in e.EnumerateObject()) Assert.Contains(p.Name, Allowed[kind]);
    }

    [Fact]
    public void Sarif_log_keeps_to_the_schema_and_what_code_scanning_needs()
    {
        var bundle = Path.Combine(TestPaths.Project, "snapshot-bundle");
        using var doc = JsonDocument.Parse(SarifFormatter.Write(new Linter().Lint(bundle), TestPaths.Project));
        var log = doc.RootElement;
        Keys(log, "log");
        Assert.Equal("2.1.0", log.GetProperty("version").GetString());
        var run = log.GetProperty("runs")[0];
        Keys(run, "run");
        Keys(run.GetProperty("tool"), "tool");
        var driver = run.GetProperty("tool").GetProperty("driver");
        Keys(driver, "driver");
        Assert.Equal("policy-lint", driver.GetProperty("name").GetString());

        var rules = driver.GetProperty("rules").EnumerateArray().ToList();
        Assert.Equal(rules.Count, rules.Select(r => r.GetProperty("id").GetString()).Distinct().Count());
        foreach (var rule in rules)
        {
            Keys(rule, "rule");
            Keys(rule.GetProperty("shortDescription"), "text");
            Keys(rule.GetProperty("defaultConfiguration"), "configuration");
            Assert.Contains(rule.GetProperty("defaultConfiguration").GetProperty("level").GetString(), Levels);
        }

        var results = run.GetProperty("results").EnumerateArray().ToList();
        Assert.NotEmpty(results);
        foreach (var r in results)
        {
            Keys(r, "result");
            var index = r.GetProperty("ruleIndex").GetInt32();
            Assert.Equal(r.GetProperty("ruleId").GetString(), rules[index].GetProperty("id").GetString());
            Assert.Contains(r.GetProperty("level").GetString(), Levels);
            Keys(r.GetProperty("message"), "text");
            Assert.False(string.IsNullOrWhiteSpace(r.GetProperty("message").GetProperty("text").GetString()));
            var location = r.GetProperty("locations")[0];
            Keys(location, "location");
            var physical = location.GetProperty("physicalLocation");
            Keys(physical, "physicalLocation");
            Keys(physical.GetProperty("artifactLocation"), "artifactLocation");
            Keys(physical.GetProperty("region"), "region");
            var uri = physical.GetProperty("artifactLocation").GetProperty("uri").GetString()!;
            Assert.StartsWith("snapshot-bundle/", uri);
            Assert.DoesNotContain('\\', uri);
            Assert.True(Uri.IsWellFormedUriString(uri, UriKind.Relative), uri);
            Assert.True(physical.GetProperty("region").GetProperty("startLine").GetInt32() >= 1);
            Assert.True(physical.GetProperty("region").GetProperty("startColumn").GetInt32() >= 1);
        }
    }

    [Fact]
    public void A_finding_without_a_place_points_at_the_manifest()
    {
        var empty = Directory.CreateTempSubdirectory("policy-lint-").FullName;
        try
        {
            using var doc = JsonDocument.Parse(SarifFormatter.Write(new Linter().Lint(empty), Path.GetDirectoryName(empty)));
            var result = doc.RootElement.GetProperty("runs")[0].GetProperty("results")[0];
            Assert.Equal("VD1301", result.GetProperty("ruleId").GetString());
            Assert.EndsWith("/bundle.yaml", result.GetProperty("locations")[0].GetProperty("physicalLocation")
                .GetProperty("artifactLocation").GetProperty("uri").GetString());
        }
        finally { Directory.Delete(empty, true); }
    }

    [Fact]
    public void Uris_are_relative_with_forward_slashes_and_escaped() =>
        Assert.Equal("policies/my%20dir/a.yaml", SarifFormatter.Uri(Path.Combine("/repo", "policies", "my dir", "a.yaml"), "/repo"));
}
