using BenchmarkDotNet.Attributes;
using Verdict.Lint;

namespace Verdict.Bench.Suite;

/// <summary>policy-lint of the shipped bundle, in-process (the 1.5 s target is wall clock with process start: see docs/bench.md).</summary>
public class LintBenchmarks
{
    private readonly string _policies = Repo.Path("policies");

    [Benchmark(Description = "policy-lint policies/")]
    public LintResult Lint() => new Linter().Lint(_policies);
}
