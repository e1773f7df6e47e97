using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Verdict.Compilation;
using Verdict.Diagnostics;
using Verdict.Facts;

namespace Verdict.Cli.Commands;

/// <summary>
/// <c>verdict bench</c>: decisions per second over a corpus of incidents, one per line. Facts are parsed before the
/// clock starts; the figure is the engine's, not the parser's.
/// </summary>
public static class BenchCommand
{
    public static Command Create()
    {
        var policies = new Option<string>("--policies") { Description = "policy bundle folder", Required = true };
        var facts = new Option<string>("--facts") { Description = "incident facts, one JSON document per line", Required = true };
        var seconds = new Option<double>("--seconds") { Description = "how long to measure after warm-up", DefaultValueFactory = _ => 5 };
        var warmup = new Option<double>("--warmup") { Description = "seconds of warm-up before measuring", DefaultValueFactory = _ => 2 };
        var cmd = new Command("bench", "measure decisions per second over a corpus") { policies, facts, seconds, warmup };
        cmd.SetAction(r => Run(r.GetValue(policies)!, r.GetValue(facts)!, r.GetValue(seconds), r.GetValue(warmup)));
        return cmd;
    }

    private static int Run(string policies, string factsPath, double seconds, double warmup)
    {
        var clock = Stopwatch.StartNew();
        PolicyBundle bundle;
        try { bundle = BundleCache.Load(policies, new BundleOptions()); }
        catch (VerdictException e) { Cli.Print(e.Diagnostics); return ExitCodes.PoliciesInvalid; }
        var loadMs = clock.Elapsed.TotalMilliseconds;

        var corpus = new List<IncidentFacts>();
        var lineNo = 0;
        try
        {
            foreach (var line in File.ReadLines(factsPath))
            {
                lineNo++;
                if (line.Length > 0) corpus.Add(FactsLoader.LoadText(line, $"{factsPath}:{lineNo}"));
            }
        }
        catch (VerdictException e) { Cli.Print(e.Diagnostics); return ExitCodes.FactsInvalid; }
        catch (IOException e) { Console.Error.WriteLine($"error {Codes.FileUnreadable}: cannot read `{factsPath}`: {e.Message}"); return ExitCodes.FactsInvalid; }
        if (corpus.Count == 0) { Console.Error.WriteLine($"error {Codes.EmptyDocument}: `{factsPath}` holds no incidents"); return ExitCodes.FactsInvalid; }

        var first = Stopwatch.StartNew();
        bundle.Decide(corpus[0]);
        var firstUs = first.Elapsed.TotalMicroseconds;

        Loop(bundle, corpus, TimeSpan.FromSeconds(warmup));
        var (n, elapsed) = Loop(bundle, corpus, TimeSpan.FromSeconds(seconds));
        var perSecond = n / elapsed.TotalSeconds;
        var c = CultureInfo.InvariantCulture;
        Console.WriteLine(string.Create(c, $"bundle {bundle.Name} {bundle.Version}: load + compile {loadMs:0.0} ms"));
        Console.WriteLine(string.Create(c, $"first decision: {firstUs:0.0} µs"));
        Console.WriteLine(string.Create(c, $"{corpus.Count} incidents, {n} decisions in {elapsed.TotalSeconds:0.00} s: {perSecond:0} decisions/s, {1e6 / perSecond:0.00} µs per decision (one thread)"));
        return ExitCodes.Ok;
    }

    private static (long Count, TimeSpan Elapsed) Loop(PolicyBundle bundle, List<IncidentFacts> corpus, TimeSpan budget)
    {
        var sw = Stopwatch.StartNew();
        long n = 0;
        while (sw.Elapsed < budget)
            foreach (var f in corpus) { bundle.Decide(f); n++; }
        return (n, sw.Elapsed);
    }
}
