using System.Buffers;
using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Verdict.Compilation;
using Verdict.Facts;
using Verdict.Rendering;
using Verdict.Syntax;

namespace Verdict.Bench.Suite;

/// <summary>
/// The service path on one thread: the bytes of a JSON facts body in, the bytes of the decision JSON out (what
/// <c>POST /v1/decisions</c> does between reading the body and writing the response, without HTTP or the log).
/// </summary>
public class ServicePathBenchmarks
{
    private PolicyBundle _bundle = null!;
    private byte[] _body = [];

    /// <summary>The example incidents (file names without extension).</summary>
    public static IEnumerable<string> Examples() => DecideBenchmarks.Examples();

    [ParamsSource(nameof(Examples))]
    public string Example { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        _bundle = PolicyBundle.Load(Repo.Path("policies"));
        var facts = FactsLoader.LoadFile(Repo.Path("policies", "examples", Example + ".yaml"));
        _body = Encoding.UTF8.GetBytes(FactsJson.Canonical(facts));
    }

    [Benchmark(Description = "service path: JSON bytes in -> decision JSON bytes out")]
    public byte[] JsonInDecisionOut()
    {
        var facts = FactsLoader.LoadText(Encoding.UTF8.GetString(_body), "request body");
        var decision = _bundle.Decide(facts);
        var buffer = new ArrayBufferWriter<byte>(16 * 1024);
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = CanonicalJson.Encoder, NewLine = "\n" }))
            DecisionJson.Write(w, decision);
        return buffer.WrittenSpan.ToArray();
    }
}
