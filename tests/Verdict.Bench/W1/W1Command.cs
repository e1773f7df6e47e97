using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using Verdict.Compilation;
using Verdict.Facts;

namespace Verdict.Bench.W1;

/// <summary>
/// The W1 harness: decides every incident of facts.jsonl with the W1 bundle, writes W1's canonical lines, checks them
/// byte for byte (SHA-256) against expected.sha256, and measures steady-state decisions per second on one thread
/// next to the hand-written typed-object C# baseline, in the same process.
/// </summary>
public static class W1Command
{
    private sealed record Options(string Facts, string? Out, string Expected, double WarmupSeconds, int Rounds, string Policies,
        bool Engine, bool Baseline, int FixedPasses);

    /// <summary>Runs <c>w1</c> (engine, then baseline) or <c>baseline</c> (baseline only). Returns the exit code.</summary>
    public static int Run(string verb, string[] args)
    {
        Options o;
        try { o = Parse(verb, args); }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            Console.Error.WriteLine(Usage);
            return 2;
        }
        var expected = ReadExpected(o.Expected);
        if (expected is null) return 2;
        var culture = CultureInfo.InvariantCulture;
        Console.WriteLine($"W1 corpus: {o.Facts}");

        var runners = new List<Runner>();
        if (o.Engine)
        {
            var sw = Stopwatch.StartNew();
            var bundle = PolicyBundle.Load(o.Policies);
            Console.WriteLine($"W1 bundle load+compile ms: {sw.Elapsed.TotalMilliseconds.ToString("0", culture)} ({o.Policies}, {bundle.Digest})");

            // End to end, first pass in this process: read, parse, decide, serialize, write.
            sw.Restart();
            var bytes = File.ReadAllBytes(o.Facts);
            var incidents = W1Incident.ParseAll(bytes);
            var facts = new IncidentFacts[incidents.Length];
            for (var i = 0; i < facts.Length; i++) facts[i] = W1Adapter.ToFacts(incidents[i]);
            var decisions = new W1Decision[facts.Length];
            for (var i = 0; i < facts.Length; i++) decisions[i] = W1Projection.Project(bundle.Decide(facts[i]));
            var output = new ArrayBufferWriter<byte>(4 << 20);
            W1Decision.WriteAll(decisions, output);
            if (o.Out is not null) File.WriteAllBytes(o.Out, output.WrittenSpan.ToArray());
            var e2e = sw.Elapsed.TotalSeconds;
            if (!Check("engine", output.WrittenSpan, expected, o)) return 1;
            Console.WriteLine($"W1 output: {incidents.Length} decisions, SHA-256 matches expected.sha256" + (o.Out is null ? "" : $", written to {o.Out}"));
            Console.WriteLine($"W1 end-to-end s: {e2e.ToString("0.000", culture)} (parse + decide + serialize {incidents.Length} incidents, first pass)");
            runners.Add(new Runner("W1", facts.Length, () =>
            {
                long sum = 0;
                foreach (var f in facts) sum += W1Projection.Project(bundle.Decide(f)).Obligations.Length;
                return sum;
            }));
        }

        if (o.Baseline)
        {
            var incidents = W1Incident.ParseAll(File.ReadAllBytes(o.Facts));
            var output = new ArrayBufferWriter<byte>(4 << 20);
            W1Decision.WriteAll(incidents.Select(Baseline.Decide).ToArray(), output);
            if (!Check("baseline", output.WrittenSpan, expected, o)) return 1;
            runners.Add(new Runner("baseline", incidents.Length, () =>
            {
                long sum = 0;
                foreach (var f in incidents) sum += Baseline.Decide(f).Obligations.Length;
                return sum;
            }));
        }

        if (o.FixedPasses > 0)
        {
            // For instruction counting (perf stat): a fixed amount of work, no clock.
            foreach (var r in runners)
                for (var i = 0; i < o.FixedPasses; i++) r.Sink += r.Pass();
            Console.WriteLine($"ran {o.FixedPasses} passes per runner (--fixed-passes: no timing)");
            return 0;
        }
        Measure(runners, o);
        foreach (var r in runners)
            Console.WriteLine(r.Name == "W1"
                ? $"W1 decisions/s: {r.Median.ToString("0", culture)} (per CPU-second: {r.CpuMedian.ToString("0", culture)})"
                : $"baseline decisions/s: {r.Median.ToString("0", culture)} (per CPU-second: {r.CpuMedian.ToString("0", culture)}; hand-written C# over typed objects, same process)");
        if (runners.Count == 2)
        {
            // Rounds alternate between the two, so a busy machine slows both alike; the ratio is the median of pairs.
            var ratios = runners[0].Rates.Zip(runners[1].Rates, (e, b) => e / b).Order().ToArray();
            var cpuRatios = runners[0].CpuRates.Zip(runners[1].CpuRates, (e, b) => e / b).Order().ToArray();
            Console.WriteLine($"W1 / baseline: {ratios[ratios.Length / 2].ToString("0.00", culture)} " +
                              $"(median of paired rounds; per CPU-second {cpuRatios[cpuRatios.Length / 2].ToString("0.00", culture)}; target >= 0.50)");
        }
        return 0;
    }

    private sealed class Runner(string name, int perPass, Func<long> pass)
    {
        public string Name => name;
        public List<double> Rates { get; } = [];
        /// <summary>Decisions per second of this process's CPU time: less sensitive to a busy machine than wall time.</summary>
        public List<double> CpuRates { get; } = [];
        public double Median => Rates.Order().ElementAt(Rates.Count / 2);
        public double CpuMedian => CpuRates.Order().ElementAt(CpuRates.Count / 2);
        public long Sink;
        public long Pass() => pass();

        /// <summary>Bytes allocated on this thread per decision, over one pass (projection included).</summary>
        public double BytesPerDecision()
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            Sink += pass();
            return (GC.GetAllocatedBytesForCurrentThread() - before) / (double)perPass;
        }

        /// <summary>Whole passes over the corpus until <paramref name="seconds"/> have passed; decisions per second.</summary>
        public double Run(double seconds, bool record = false)
        {
            long n = 0;
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var sw = Stopwatch.StartNew();
            do { Sink += pass(); n += perPass; } while (sw.Elapsed.TotalSeconds < seconds);
            var wall = sw.Elapsed.TotalSeconds;
            if (record)
            {
                Rates.Add(n / wall);
                CpuRates.Add(n / (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds);
            }
            return n / wall;
        }
    }

    /// <summary>
    /// Single-thread steady state: each runner runs whole passes over the corpus for the warm-up time (tiered JIT and
    /// PGO settle), then <c>rounds</c> rounds of at least one second each, the runners taking turns round by round.
    /// </summary>
    private static void Measure(List<Runner> runners, Options o)
    {
        var inv = CultureInfo.InvariantCulture;
        var warm = Stopwatch.StartNew();
        while (warm.Elapsed.TotalSeconds < o.WarmupSeconds * runners.Count)
            foreach (var r in runners) r.Run(Math.Min(1.0, o.WarmupSeconds));
        for (var i = 0; i < o.Rounds; i++)
            foreach (var r in runners) r.Run(1.0, record: true);
        foreach (var r in runners)
            Console.WriteLine($"  {r.Name}: warm-up {o.WarmupSeconds.ToString("0.#", inv)} s, rounds/s " +
                              string.Join(" ", r.Rates.Select(x => x.ToString("0", inv))) +
                              $", {r.BytesPerDecision().ToString("0", inv)} B allocated per decision (checksum {r.Sink})");
    }

    private static bool Check(string who, ReadOnlySpan<byte> output, string expected, Options o)
    {
        var actual = Convert.ToHexStringLower(SHA256.HashData(output));
        if (actual == expected) return true;
        Console.Error.WriteLine();
        Console.Error.WriteLine($"W1 FAILED: the {who} output differs from expected.jsonl");
        Console.Error.WriteLine($"  expected sha256 {expected} ({o.Expected})");
        Console.Error.WriteLine($"  actual   sha256 {actual}");
        var expectedFile = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(o.Expected))!, "expected.jsonl");
        if (File.Exists(expectedFile))
        {
            var want = File.ReadAllLines(expectedFile);
            var got = System.Text.Encoding.UTF8.GetString(output).TrimEnd('\n').Split('\n');
            var same = true;
            for (var i = 0; i < Math.Max(want.Length, got.Length) && same; i++)
            {
                var w = i < want.Length ? want[i] : "<no line>";
                var g = i < got.Length ? got[i] : "<no line>";
                if (w == g) continue;
                same = false;
                Console.Error.WriteLine($"  first difference at line {i + 1}:");
                Console.Error.WriteLine($"    expected {w}");
                Console.Error.WriteLine($"    actual   {g}");
            }
            if (same) Console.Error.WriteLine($"  the lines equal {expectedFile}: expected.sha256 does not belong to it (regenerate both with gen.py)");
        }
        return false;
    }

    private static string? ReadExpected(string path)
    {
        if (!File.Exists(path))
        {
            Console.Error.WriteLine($"error: `{path}` does not exist; run `python3 tests/bench/gen.py DIR` or pass --expected");
            return null;
        }
        return File.ReadAllText(path).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).FirstOrDefault()?.ToLowerInvariant() ?? "";
    }

    private const string Usage =
        "usage: Verdict.Bench w1|baseline --facts DIR/facts.jsonl [--out FILE] [--expected FILE] [--warmup-seconds S] [--rounds N]\n" +
        "                               [--policies DIR] [--no-baseline]";

    private static Options Parse(string verb, string[] args)
    {
        string? facts = null, output = null, expected = null, policies = null;
        double warmup = 20;
        int rounds = 5;
        var baseline = true;
        var fixedPasses = 0;
        for (var i = 0; i < args.Length; i++)
        {
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"`{args[i]}` needs a value");
            switch (args[i])
            {
                case "--facts": facts = Value(); break;
                case "--out": output = Value(); break;
                case "--expected": expected = Value(); break;
                case "--policies": policies = Value(); break;
                case "--warmup-seconds": warmup = double.Parse(Value(), CultureInfo.InvariantCulture); break;
                case "--rounds": rounds = int.Parse(Value(), CultureInfo.InvariantCulture); break;
                case "--no-baseline": baseline = false; break;
                case "--fixed-passes": fixedPasses = int.Parse(Value(), CultureInfo.InvariantCulture); break;
                default: throw new ArgumentException($"unknown option `{args[i]}`");
            }
        }
        if (facts is null) throw new ArgumentException("--facts is required");
        if (rounds < 1) throw new ArgumentException("--rounds must be at least 1");
        expected ??= Path.Combine(Path.GetDirectoryName(Path.GetFullPath(facts))!, "expected.sha256");
        policies ??= Repo.Path("tests", "bench", "w1");
        return verb == "baseline"
            ? new Options(facts, output, expected, warmup, rounds, policies, Engine: false, Baseline: true, fixedPasses)
            : new Options(facts, output, expected, warmup, rounds, policies, Engine: true, Baseline: baseline, fixedPasses);
    }
}
