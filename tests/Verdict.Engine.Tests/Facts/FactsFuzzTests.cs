using System.Diagnostics;
using Verdict.Compilation;
using Verdict.Fuzz;
using Xunit.Abstractions;

namespace Verdict.Tests.Facts;

/// <summary>
/// The facts fuzz target that stays: mutants of the shipped examples (YAML as written, and canonical JSON) through the
/// entry the command line and the HTTP service use. Every mutant ends in a located facts error or a decision.
/// CI runs a small budget; <c>VERDICT_FUZZ_MUTANTS=100000</c> runs a long round (the count is per form).
/// </summary>
public class FactsFuzzTests(ITestOutputHelper output)
{
    private static readonly Lazy<PolicyBundle> Bundle = new(() => PolicyBundle.Load(Repo.Policies));

    private static int Budget => int.TryParse(Environment.GetEnvironmentVariable("VERDICT_FUZZ_MUTANTS"), out var n) && n > 0 ? n : 1500;

    [Theory]
    [InlineData(true, 20261120)]
    [InlineData(false, 20261121)]
    public void Every_mutant_of_the_examples_ends_in_a_located_error_or_a_decision(bool json, int seed)
    {
        var (yaml, jsonSeeds) = FactsFuzzTarget.Seeds(Repo.Policies);
        var mutator = new FactsMutator(json ? jsonSeeds : yaml, seed);
        var counts = new Dictionary<FuzzOutcome, int>();
        var findings = new List<string>();
        var slowest = TimeSpan.Zero;
        // Warm up (bundle load, JIT) outside the clock: the time box is for mutants.
        FactsFuzzTarget.Run(Bundle.Value, json ? jsonSeeds[0] : yaml[0], json, out _);
        var clock = Stopwatch.StartNew();
        // Bounded twice: by count, and by time so that a slow CI machine still finishes in seconds.
        var timeBox = Environment.GetEnvironmentVariable("VERDICT_FUZZ_MUTANTS") is null ? TimeSpan.FromSeconds(6) : TimeSpan.MaxValue;
        var i = 0;
        for (; i < Budget && clock.Elapsed < timeBox; i++)
        {
            var (bytes, from) = mutator.Next();
            var started = clock.Elapsed;
            var outcome = FactsFuzzTarget.Run(Bundle.Value, bytes, json, out var e);
            var took = clock.Elapsed - started;
            if (took > slowest) slowest = took;
            counts[outcome] = counts.GetValueOrDefault(outcome) + 1;
            if (outcome is not (FuzzOutcome.Decision or FuzzOutcome.FactsInvalid) || took > TimeSpan.FromSeconds(10))
                findings.Add($"seed {seed} mutant {i} (from example {from}): {outcome} in {took.TotalMilliseconds:0} ms: {e?.GetType().Name}: {e?.Message}");
        }
        output.WriteLine($"{(json ? "json" : "yaml")}: {i} mutants, " +
            string.Join(", ", counts.OrderBy(c => c.Key).Select(c => $"{c.Key} {c.Value}")) + $", slowest {slowest.TotalMilliseconds:0} ms");
        foreach (var f in findings.Take(20)) output.WriteLine(f);
        Assert.True(i >= 50, $"only {i} mutants ran");
        Assert.True(counts.GetValueOrDefault(FuzzOutcome.Decision) > 0, "no mutant decided: the mutator only breaks syntax");
        Assert.Empty(findings);
    }
}
