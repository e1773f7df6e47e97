using System.Diagnostics;
using Verdict.Compilation;

namespace Verdict.Fuzz;

/// <summary>
/// <c>mutate N [seed] [json|yaml]</c>: a seeded mutation round over the shipped examples, counting outcomes.
/// <c>afl json|yaml</c>: the SharpFuzz entry for AFL++ (reads one input per run from stdin); a crash is any outcome
/// other than a decision or a located facts error.
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        var root = FindRoot();
        var policies = Path.Combine(root, "policies");
        var bundle = PolicyBundle.Load(policies);
        switch (args.FirstOrDefault())
        {
            case "afl":
            {
                var json = args.ElementAtOrDefault(1) != "yaml";
                SharpFuzz.Fuzzer.Run(stream =>
                {
                    using var buffer = new MemoryStream();
                    stream.CopyTo(buffer);
                    var outcome = FactsFuzzTarget.Run(bundle, buffer.ToArray(), json, out var e);
                    if (outcome is not (FuzzOutcome.Decision or FuzzOutcome.FactsInvalid))
                        throw new InvalidOperationException($"{outcome}: {e}");
                });
                return 0;
            }
            case "seeds":
            {
                // The starting corpus for AFL++: each example as canonical JSON (json) or as written (yaml).
                var dir = Directory.CreateDirectory(args.ElementAtOrDefault(1) ?? "fuzz-in").FullName;
                var json = args.ElementAtOrDefault(2) != "yaml";
                var (yaml, jsonSeeds) = FactsFuzzTarget.Seeds(policies);
                var list = json ? jsonSeeds : yaml;
                for (var i = 0; i < list.Count; i++) File.WriteAllBytes(Path.Combine(dir, $"seed-{i}.{(json ? "json" : "yaml")}"), list[i]);
                Console.WriteLine($"{list.Count} seeds in {dir}");
                return 0;
            }
            case "mutate":
            {
                var count = int.Parse(args.ElementAtOrDefault(1) ?? "100000");
                var seed = int.Parse(args.ElementAtOrDefault(2) ?? "1");
                var forms = args.ElementAtOrDefault(3) is { } f ? [f] : new[] { "json", "yaml" };
                var (yaml, jsonSeeds) = FactsFuzzTarget.Seeds(policies);
                var failed = 0;
                foreach (var form in forms)
                {
                    var json = form == "json";
                    var mutator = new FactsMutator(json ? jsonSeeds : yaml, seed);
                    var counts = new SortedDictionary<FuzzOutcome, int>();
                    var slowest = TimeSpan.Zero;
                    var clock = Stopwatch.StartNew();
                    for (var i = 0; i < count; i++)
                    {
                        var (bytes, from) = mutator.Next();
                        var started = clock.Elapsed;
                        var outcome = FactsFuzzTarget.Run(bundle, bytes, json, out var e);
                        var took = clock.Elapsed - started;
                        if (took > slowest) slowest = took;
                        counts[outcome] = counts.GetValueOrDefault(outcome) + 1;
                        if (outcome is not (FuzzOutcome.Decision or FuzzOutcome.FactsInvalid) || took > TimeSpan.FromSeconds(2))
                        {
                            failed++;
                            Console.WriteLine($"FINDING {form} seed {seed} mutant {i} (example {from}) {outcome} {took.TotalMilliseconds:0} ms: {e?.GetType().Name}: {e?.Message.Split('\n')[0]}");
                            File.WriteAllBytes(Path.Combine(Path.GetTempPath(), $"verdict-fuzz-{form}-{seed}-{i}.bin"), bytes);
                        }
                    }
                    Console.WriteLine($"{form}: {count} mutants in {clock.Elapsed.TotalSeconds:0.0} s: " +
                        string.Join(", ", counts.Select(c => $"{c.Key} {c.Value}")) + $"; slowest {slowest.TotalMilliseconds:0} ms");
                }
                return failed == 0 ? 0 : 1;
            }
            default:
                Console.Error.WriteLine("usage: Verdict.Fuzz.Facts mutate [count] [seed] [json|yaml]  |  seeds DIR [json|yaml]  |  afl [json|yaml]");
                return 2;
        }
    }

    private static string FindRoot()
    {
        var dir = AppContext.BaseDirectory;
        while (dir is not null && !File.Exists(Path.Combine(dir, "Directory.Packages.props"))) dir = Path.GetDirectoryName(dir);
        return dir ?? throw new InvalidOperationException("repository root not found");
    }
}
