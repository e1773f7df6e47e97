using BenchmarkDotNet.Attributes;
using Verdict.Compilation;

namespace Verdict.Bench.Suite;

/// <summary>Load + compile of the shipped policies/ folder: read, validate, compile, digest. A fresh bundle every op.</summary>
public class BundleBenchmarks
{
    private readonly string _policies = Repo.Path("policies");

    [Benchmark(Description = "load+compile policies/")]
    public PolicyBundle LoadShipped() => PolicyBundle.Load(_policies);
}
