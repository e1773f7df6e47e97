using BenchmarkDotNet.Running;

namespace Verdict.Scripting.Bench;

/// <summary>Runs the language benchmarks: <c>dotnet run -c Release --project tests/Verdict.Scripting.Bench -- --filter '*'</c>.</summary>
public static class Program
{
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}
