using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace Verdict.Bench.Suite;

/// <summary>
/// Runs the BenchmarkDotNet suite in this process (no generated project to build), with memory diagnostics:
/// mean, Gen0 and allocated bytes per operation.
/// </summary>
public static class SuiteRunner
{
    /// <summary><c>bdn [filter] [BenchmarkDotNet options]</c>; the filter is a glob over benchmark names.</summary>
    public static int Run(string[] args)
    {
        var rest = args.ToList();
        if (rest.Count == 0 || rest[0].StartsWith('-')) rest.InsertRange(0, ["--filter", "*"]);
        else rest.Insert(0, "--filter");
        var config = DefaultConfig.Instance
            .AddJob(Job.Default.WithToolchain(InProcessEmitToolchain.Instance))
            .AddDiagnoser(MemoryDiagnoser.Default)
            .WithOptions(ConfigOptions.JoinSummary);
        var summaries = BenchmarkSwitcher.FromAssembly(typeof(SuiteRunner).Assembly).Run(rest.ToArray(), config);
        return summaries.Any(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success)) ? 1 : 0;
    }
}
