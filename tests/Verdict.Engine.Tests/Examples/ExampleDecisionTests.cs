using System.Globalization;
using Verdict.Compilation;
using Verdict.Facts;
using Verdict.Rendering;

namespace Verdict.Tests.Examples;

/// <summary>
/// Every shipped example incident decides to its approved decision, byte for byte but for the decision's volatile
/// identity (decision id, bundle version and digest, the deciding policies' versions: they move with every edit of the
/// bundle, and `verdict test` does not compare them either), whatever the culture
/// and time zone. Approvals are rewritten with <c>verdict test policies --accept</c>, and reviewed as a diff.
/// </summary>
public class ExampleDecisionTests
{
    private static readonly Lazy<PolicyBundle> Bundle = new(() => PolicyBundle.Load(Repo.Policies));

    public static TheoryData<string> Examples()
    {
        var data = new TheoryData<string>();
        foreach (var f in Directory.GetFiles(Path.Combine(Repo.Policies, "examples"), "*.yaml").Order(StringComparer.Ordinal))
            if (File.Exists(Path.ChangeExtension(f, ".decision.json"))) data.Add(Path.GetFileNameWithoutExtension(f));
        return data;
    }

    private static string WithoutIdentity(string json)
    {
        var tree = System.Text.Json.Nodes.JsonNode.Parse(json)!.AsObject();
        tree["decisionId"] = "(volatile)";
        tree["bundle"]!["version"] = "(volatile)";
        tree["bundle"]!["digest"] = "(volatile)";
        var text = tree.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true });
        return System.Text.RegularExpressions.Regex.Replace(text, "\"policy\": \"([^\"@]+)@[^\"]+\"", "\"policy\": \"$1\"");
    }

    private static string Decide(string name) =>
        DecisionJson.Write(Bundle.Value.Decide(FactsLoader.LoadFile(Path.Combine(Repo.Policies, "examples", name + ".yaml"))));

    [Theory]
    [MemberData(nameof(Examples))]
    public void Example_decides_to_its_approved_decision(string name)
    {
        var approved = File.ReadAllText(Path.Combine(Repo.Policies, "examples", name + ".decision.json"));
        Assert.Equal(WithoutIdentity(approved), WithoutIdentity(Decide(name)));
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public void Example_decision_is_the_same_under_other_cultures_and_time_zones(string name)
    {
        var baseline = Decide(name);
        var culture = CultureInfo.CurrentCulture;
        var tz = Environment.GetEnvironmentVariable("TZ");
        try
        {
            foreach (var (c, zone) in new[] { ("tr-TR", "Pacific/Kiritimati"), ("ar-SA", "America/St_Johns"), ("de-DE", "Asia/Kathmandu") })
            {
                CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new CultureInfo(c);
                Environment.SetEnvironmentVariable("TZ", zone);
                TimeZoneInfo.ClearCachedData();
                Assert.Equal(baseline, Decide(name));
            }
        }
        finally
        {
            CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = culture;
            Environment.SetEnvironmentVariable("TZ", tz);
            TimeZoneInfo.ClearCachedData();
        }
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public void Interpreted_and_compiled_expressions_decide_alike(string name)
    {
        // A fresh bundle runs each expression interpreted first and compiled once it is hot: both tiers, same bytes.
        var bundle = PolicyBundle.Load(Repo.Policies);
        var facts = FactsLoader.LoadFile(Path.Combine(Repo.Policies, "examples", name + ".yaml"));
        var approved = WithoutIdentity(File.ReadAllText(Path.Combine(Repo.Policies, "examples", name + ".decision.json")));
        for (var i = 0; i < 4; i++) Assert.Equal(approved, WithoutIdentity(DecisionJson.Write(bundle.Decide(facts))));
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public void Explain_changes_nothing_but_the_trace(string name)
    {
        // --explain evaluates every policy instead of the jurisdiction index; the decision must not move.
        var facts = FactsLoader.LoadFile(Path.Combine(Repo.Policies, "examples", name + ".yaml"));
        var explained = Bundle.Value.Decide(facts, new DecideOptions { Explain = true });
        Assert.NotEmpty(explained.Trace!);
        Assert.Equal(Decide(name), DecisionJson.Write(explained with { Trace = null }));
    }

    [Fact]
    public void Deciding_twice_gives_identical_bytes()
    {
        var f = Path.Combine(Repo.Policies, "examples", "fintech-credit-risk-sync.yaml");
        Assert.Equal(DecisionJson.Write(Bundle.Value.Decide(FactsLoader.LoadFile(f))), DecisionJson.Write(Bundle.Value.Decide(FactsLoader.LoadFile(f))));
    }
}
