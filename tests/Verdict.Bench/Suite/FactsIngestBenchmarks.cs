using System.Text;
using BenchmarkDotNet.Attributes;
using Verdict.Compilation;
using Verdict.Facts;
using Verdict.Rendering;

namespace Verdict.Bench.Suite;

/// <summary>
/// The service path on one thread: the UTF-8 bytes of a JSON facts body in, bound facts out (ingest), and bytes in,
/// decision JSON out (the whole request minus HTTP).
/// </summary>
public class FactsIngestBenchmarks
{
    private PolicyBundle _bundle = null!;
    private byte[] _body = [];

    /// <summary>The example incident whose canonical JSON is the body.</summary>
    [Params("fintech-credit-risk-sync", "eu-us-br-autonomous-agent-2028")]
    public string Example { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        _bundle = PolicyBundle.Load(Repo.Path("policies"));
        _body = Encoding.UTF8.GetBytes(FactsJson.Canonical(FactsLoader.LoadFile(Repo.Path("policies", "examples", Example + ".yaml"))));
    }

    [Benchmark(Description = "JSON facts bytes -> facts")]
    public IncidentFacts IngestFacts() => Ingest(_body);

    [Benchmark(Description = "JSON facts bytes -> decision JSON")]
    public string BytesToDecisionJson() => DecisionJson.Write(_bundle.Decide(Ingest(_body)));

    private static IncidentFacts Ingest(byte[] body) => FactsLoader.LoadJson(body, "<bench>");
}
