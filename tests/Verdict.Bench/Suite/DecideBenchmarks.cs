using BenchmarkDotNet.Attributes;
using Verdict.Compilation;
using Verdict.Decisions;
using Verdict.Facts;
using Verdict.Rendering;

namespace Verdict.Bench.Suite;

/// <summary>One decision per example incident in policies/examples, and the JSON around it (facts in, decision out).</summary>
public class DecideBenchmarks
{
    private PolicyBundle _bundle = null!;
    private IncidentFacts _facts = null!;
    private string _factsJson = "";
    private Decision _decision = null!;

    /// <summary>The example incidents (file names without extension).</summary>
    public static IEnumerable<string> Examples() =>
        Directory.EnumerateFiles(Repo.Path("policies", "examples"), "*.yaml")
            .Select(p => Path.GetFileNameWithoutExtension(p))
            .Order(StringComparer.Ordinal);

    [ParamsSource(nameof(Examples))]
    public string Example { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        _bundle = PolicyBundle.Load(Repo.Path("policies"));
        _facts = FactsLoader.LoadFile(Repo.Path("policies", "examples", Example + ".yaml"));
        _factsJson = FactsJson.Canonical(_facts);
        _decision = _bundle.Decide(_facts);
    }

    [Benchmark(Description = "decide")]
    public Decision Decide() => _bundle.Decide(_facts);

    [Benchmark(Description = "parse JSON facts (FactsLoader.LoadText)")]
    public IncidentFacts ParseFacts() => FactsLoader.LoadText(_factsJson, "<bench>");

    [Benchmark(Description = "serialize decision (DecisionJson.Write)")]
    public string Serialize() => DecisionJson.Write(_decision);
}
