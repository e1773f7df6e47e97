using System.Text;
using System.Text.Json.Nodes;
using BenchmarkDotNet.Attributes;
using Verdict.Compilation;
using Verdict.Decisions;
using Verdict.Facts;
using Verdict.Rendering;

namespace Verdict.Bench.Suite;

/// <summary>
/// The cost of deciding under uncertainty: each shipped example with 0, 2 and 5 of its facts removed, decided with
/// the uncertainty stage off (a call without options) and on (the CLI and HTTP default).
/// </summary>
public class UncertaintyBenchmarks
{
    // Facts every shipped example gives, removed in this order.
    private static readonly string[] Removable = ["breach.exfiltration", "data.records", "breach.dataHolder", "data.encryption", "breach.misuseObserved"];
    private static readonly DecideOptions On = new();
    private PolicyBundle _bundle = null!;
    private IncidentFacts _facts = null!;

    /// <summary>The example incidents (file names without extension).</summary>
    public static IEnumerable<string> Examples() => DecideBenchmarks.Examples();

    [ParamsSource(nameof(Examples))]
    public string Example { get; set; } = "";

    [Params(0, 2, 5)]
    public int Removed { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _bundle = PolicyBundle.Load(Repo.Path("policies"));
        var root = (JsonObject)JsonNode.Parse(FactsJson.Canonical(FactsLoader.LoadFile(Repo.Path("policies", "examples", Example + ".yaml"))))!;
        foreach (var path in Removable.Take(Removed))
        {
            var segs = path.Split('.');
            (root[segs[0]] as JsonObject)?.Remove(segs[1]);
        }
        _facts = FactsLoader.LoadJson(Encoding.UTF8.GetBytes(root.ToJsonString()));
        _bundle.Decide(_facts, On); // warm the fact domains
    }

    [Benchmark(Baseline = true, Description = "decide, uncertainty off")]
    public Decision Off() => _bundle.Decide(_facts);

    [Benchmark(Description = "decide, uncertainty on")]
    public Decision Uncertain() => _bundle.Decide(_facts, On);
}
