using BenchmarkDotNet.Attributes;
using Verdict.Compilation;
using Verdict.Decisions;

namespace Verdict.Bench.Suite;

/// <summary>The access decision against the shipped purpose bindings: the runtime hot path (target ≤ 250 ns, 0 B).</summary>
public class AccessBenchmarks
{
    private PolicyBundle _bundle = null!;

    // The credit-risk model reading pseudonymous financial features, in a scoring-sized batch: allowed.
    private readonly AccessRequest _allowed = new("credit-risk-model-v5", "credit-risk-scoring", "Account",
        ["Id", "CreditScore__c", "AnnualIncome__c", "RiskSegment__c"], 500);

    // The same model reading names and e-mail addresses of the whole book (seed 003): denied, with violations.
    private readonly AccessRequest _denied = new("credit-risk-model-v5", "credit-risk-scoring", "Account",
        ["Id", "Name", "Email", "CreditScore__c"], 48_000);

    [GlobalSetup]
    public void Setup()
    {
        _bundle = PolicyBundle.Load(Repo.Path("policies"));
        if (!_bundle.DecideAccess(_allowed).Allow || _bundle.DecideAccess(_denied).Allow)
            throw new InvalidOperationException("the shipped bindings no longer allow/deny the benchmark's requests; update them");
    }

    [Benchmark(Description = "DecideAccess allowed")]
    public AccessDecision Allowed() => _bundle.DecideAccess(_allowed);

    [Benchmark(Description = "DecideAccess denied")]
    public AccessDecision Denied() => _bundle.DecideAccess(_denied);
}
