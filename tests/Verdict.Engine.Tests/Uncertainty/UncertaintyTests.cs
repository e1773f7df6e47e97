using System.Text;
using System.Text.Json.Nodes;
using FsCheck;
using FsCheck.Fluent;
using Verdict.Compilation;
using Verdict.Decisions;
using Verdict.Facts;
using Verdict.Rendering;
using Verdict.Uncertainty;
using Xunit;

namespace Verdict.Tests.Uncertainty;

public class UncertaintyTests
{
    private static readonly Lazy<PolicyBundle> Bundle = new(() => PolicyBundle.Load(Repo.Policies));
    private static readonly string[] Examples = ["fintech-credit-risk-sync", "b2b-saas-agent-scraping", "retail-ai-personalization-synthetic-export"];
    private static readonly string[] Removable =
        ["breach.exfiltration", "breach.dataHolder", "breach.dataRecovered", "breach.misuseObserved", "data.encryption", "data.recordsEstimated", "data.records"];

    private static JsonObject Example(string name) =>
        (JsonObject)JsonNode.Parse(FactsJson.Canonical(FactsLoader.LoadFile(Path.Combine(Repo.Policies, "examples", name + ".yaml"))))!;

    private static IncidentFacts Load(JsonObject root) => FactsLoader.LoadJson(Encoding.UTF8.GetBytes(root.ToJsonString()));

    private static JsonObject Without(JsonObject root, params string[] paths)
    {
        var copy = (JsonObject)root.DeepClone();
        foreach (var p in paths)
        {
            var segs = p.Split('.');
            var at = copy;
            foreach (var s in segs[..^1]) at = at[s] as JsonObject ?? new JsonObject();
            at.Remove(segs[^1]);
        }
        return copy;
    }

    private static void Set(JsonObject root, string path, JsonNode? value)
    {
        var segs = path.Split('.');
        var at = root;
        foreach (var s in segs[..^1]) { if (at[s] is not JsonObject next) { next = new JsonObject(); at[s] = next; } at = next; }
        at[segs[^1]] = value;
    }

    private static Dictionary<string, string> Outcomes(Decision d)
    {
        var o = new Dictionary<string, string> { [UncertaintyReport.SeverityKey] = d.Severity.Level, [UncertaintyReport.RiskKey] = d.Risk.Level };
        foreach (var x in d.Obligations) o[UncertaintyReport.ObligationKey(x.Id, x.Stage)] = x.Status;
        foreach (var e in d.Escalation) o[UncertaintyReport.EscalationKey(e)] = "present";
        foreach (var a in d.Actions) o[UncertaintyReport.ActionKey(a)] = "present";
        return o;
    }

    private static Decision Decide(JsonObject root) => Bundle.Value.Decide(Load(root), new DecideOptions());

    [Fact]
    public void A_decision_with_nothing_missing_carries_no_uncertainty()
    {
        Assert.Null(Decide(Example("fintech-credit-risk-sync")).Uncertainty);
    }

    [Fact]
    public void Deciding_without_options_skips_the_uncertainty_stage()
    {
        var facts = Load(Without(Example("fintech-credit-risk-sync"), "breach.exfiltration"));
        Assert.Null(Bundle.Value.Decide(facts).Uncertainty);
    }

    [Fact]
    public void A_california_case_without_exfiltration_is_resolved_by_it()
    {
        var d = Decide(Without(Example("fintech-credit-risk-sync"), "breach.exfiltration"));
        var item = d.Uncertainty!.For(UncertaintyReport.ObligationKey("us-ca-residents", "single"))!;
        Assert.Equal(["absent", "required"], item.Possible);
        var byFact = item.ResolvedBy.Where(r => r.Fact == "breach.exfiltration").ToList();
        Assert.Contains(byFact, r => r.Values.SequenceEqual(["ruled-out"]) && r.Outcomes.SequenceEqual(["absent"]));
        Assert.Contains(byFact, r => r.Values.SequenceEqual(["confirmed", "unknown"]) && r.Outcomes.SequenceEqual(["required"]));
        Assert.Equal(Verdict.Decisions.Outcome.Indeterminate, d.Obligations.Single(o => o.Id == "us-ca-residents").Status);
    }

    [Fact]
    public void A_missing_record_count_gives_the_severity_levels_either_side_of_the_matrix_threshold()
    {
        var root = Without(Example("fintech-credit-risk-sync"), "data.records");
        root.Remove("breach");
        var d = Decide(root);
        var severity = d.Uncertainty!.For(UncertaintyReport.SeverityKey)!;
        Assert.Equal(["high", "critical"], severity.Possible);
        Assert.Contains(severity.ResolvedBy, r => r.Fact == "data.records" && r.Values.Contains("99999") && r.Outcomes.SequenceEqual(["high"]));
        Assert.Contains(severity.ResolvedBy, r => r.Fact == "data.records" && r.Values.Contains("100000") && r.Outcomes.SequenceEqual(["critical"]));
        Assert.Equal("critical", severity.Provisional);
        Assert.Equal("indeterminate", d.Severity.Level);
    }

    [Fact]
    public void The_question_with_the_nearest_deadline_comes_first()
    {
        var d = Decide(Without(Example("fintech-credit-risk-sync"), "data.records", "breach.exfiltration"));
        Assert.Equal("breach.exfiltration", d.Uncertainty!.Questions[0].Fact);
        Assert.Contains("Find out next:", DecisionText.Write(d));
    }

    [Fact]
    public void An_undecided_duty_names_what_is_missing_instead_of_without_undue_delay()
    {
        var d = Decide(Without(Example("fintech-credit-risk-sync"), "breach.exfiltration"));
        var o = d.Obligations.Single(x => x.Id == "us-ca-ag");
        Assert.StartsWith("undecided until breach.exfiltration", UncertaintyText.Due(d, o));
    }

    [Fact]
    public void An_uncertain_decision_validates_against_the_decision_schema()
    {
        var root = Without(Example("fintech-credit-risk-sync"), "data.records", "breach.exfiltration");
        root.Remove("breach");
        var errors = Verdict.Schemas.SchemaCatalog.Get("decision.schema.json").Validate(DecisionJson.Write(Decide(root)));
        Assert.True(errors.Count == 0, string.Join("; ", errors.Select(e => e.ToString())));
    }

    [Fact]
    public void Past_the_cap_the_answer_is_truncated_and_assumes_the_worst_severity()
    {
        var bundle = Bundle.Value;
        var root = Without(Example("fintech-credit-risk-sync"), "data.records");
        root.Remove("breach");
        var d = bundle.Decide(Load(root), new DecideOptions());
        var capped = Verdict.Uncertainty.UncertaintyAnalysis.Analyze(f => bundle.Decide(f), Load(root), bundle.Decide(Load(root)), new FactDomains(bundle.Source), cap: 2)!;
        Assert.False(d.Uncertainty!.Truncated);
        Assert.True(capped.Truncated);
        Assert.Equal("critical", capped.For(UncertaintyReport.SeverityKey)!.Provisional);
    }

    [Fact]
    public void The_cap_is_set_in_bundle_yaml()
    {
        using var b = new TempBundle().Write("calendars/weekdays.yaml", File.ReadAllText(Path.Combine(Repo.Policies, "calendars", "weekdays.yaml"))).Write("bundle.yaml", "apiVersion: verdict.dev/v1\nkind: Bundle\nname: t\nversion: 1.0.0\nlimits: { uncertaintyCompletions: 10 }\n");
        Assert.Equal(10, PolicyBundle.Load(b.Dir).Source.Manifest.UncertaintyCompletions);
    }

    [Fact]
    public void A_cap_below_one_is_a_located_error()
    {
        using var b = new TempBundle().Write("calendars/weekdays.yaml", File.ReadAllText(Path.Combine(Repo.Policies, "calendars", "weekdays.yaml"))).Write("bundle.yaml", "apiVersion: verdict.dev/v1\nkind: Bundle\nname: t\nversion: 1.0.0\nlimits: { uncertaintyCompletions: 0 }\n");
        var e = Assert.Throws<Verdict.Diagnostics.VerdictException>(() => PolicyBundle.Load(b.Dir));
        Assert.Contains(e.Diagnostics, d => d.Location?.Line == 5);
    }

    [Fact]
    public void The_same_incident_gives_the_same_bytes()
    {
        var root = Without(Example("fintech-credit-risk-sync"), "data.records", "breach.exfiltration");
        Assert.Equal(DecisionJson.Write(Decide(root)), DecisionJson.Write(Decide(root)));
    }

    [Fact]
    public void Every_completion_falls_inside_possible_and_every_exact_resolution_holds()
    {
        var gen = from example in Gen.Elements(Examples)
                  from removed in Gen.SubListOf(Removable).Where(l => l.Count is >= 1 and <= 2)
                  select (example, removed.ToArray());
        Prop.ForAll(gen.ToArbitrary(), c => Check(c.example, c.Item2)).Check(Config.QuickThrowOnFailure.WithMaxTest(6));
    }

    private static bool Check(string example, string[] removed)
    {
        var root = Without(Example(example), removed);
        var d = Decide(root);
        if (d.Uncertainty is not { Truncated: false } u) return true;
        var domains = new FactDomains(Bundle.Value.Source);
        var values = u.Facts.Select(f => domains.Of(f)!).ToList();
        var total = values.Aggregate(1, (n, v) => n * v.Count);
        for (var n = 0; n < total; n++)
        {
            var completed = (JsonObject)root.DeepClone();
            var pick = new Dictionary<string, string>();
            var rest = n;
            for (var i = u.Facts.Count - 1; i >= 0; i--)
            {
                var v = values[i][rest % values[i].Count];
                rest /= values[i].Count;
                Set(completed, u.Facts[i], v?.DeepClone());
                pick[u.Facts[i]] = v is JsonValue j && j.TryGetValue<string>(out var s) ? s : v?.ToJsonString() ?? "null";
            }
            Decision full;
            try { full = Bundle.Value.Decide(Load(completed)); }
            catch (Verdict.Diagnostics.VerdictException) { continue; }
            var outcome = Outcomes(full);
            foreach (var item in u.Items)
            {
                var got = outcome.GetValueOrDefault(item.Key, "absent");
                if (!item.Possible.Contains(got)) throw new Xunit.Sdk.XunitException($"{example} without {string.Join(",", removed)}: {item.Key} is {got}, not in {string.Join(",", item.Possible)}");
                foreach (var r in item.ResolvedBy.Where(r => r.Exact && r.Values.Contains(pick[r.Fact])))
                    if (r.Outcomes[0] != got) throw new Xunit.Sdk.XunitException($"{item.Key}: {r.Fact}={pick[r.Fact]} should give {r.Outcomes[0]}, gave {got}");
            }
        }
        return true;
    }
}
