using System.CommandLine;
using NodaTime;
using Verdict.Compilation;
using Verdict.Diagnostics;
using Verdict.Facts;
using Verdict.Rendering;

namespace Verdict.Cli.Commands;

/// <summary><c>verdict decide</c>: one decision for one incident.</summary>
public static class DecideCommand
{
    public static Command Create()
    {
        var policies = new Option<string>("--policies") { Description = "policy bundle folder (holds bundle.yaml)", Required = true };
        var facts = new Option<string>("--facts") { Description = "incident facts file (JSON or YAML)", Required = true };
        var format = new Option<string>("--format") { Description = "json | text | markdown", DefaultValueFactory = _ => "json" };
        format.AcceptOnlyFromAmong("json", "text", "markdown");
        var explain = new Option<bool>("--explain") { Description = "include the trace of every rule evaluated" };
        var asOf = new Option<string?>("--as-of") { Description = "an instant (ISO-8601): show time remaining or overdue per obligation" };
        var report = new Option<string?>("--report") { Description = "with --format markdown: a pre-filled notification draft for this obligation id" };
        var allowCSharp = new Option<bool>("--allow-csharp") { Description = "allow policies written in C#" };
        var cmd = new Command("decide", "decide one incident against a policy bundle") { policies, facts, format, explain, asOf, report, allowCSharp };
        cmd.SetAction(r => Run(r.GetValue(policies)!, r.GetValue(facts)!, r.GetValue(format)!, r.GetValue(explain),
            r.GetValue(asOf), r.GetValue(report), r.GetValue(allowCSharp)));
        return cmd;
    }

    private static int Run(string policies, string factsPath, string format, bool explain, string? asOf, string? report, bool allowCSharp)
    {
        ClockView? clock = null;
        if (asOf is not null)
        {
            if (!FactsLoader.TryParseInstant(asOf, out var at))
            {
                Console.Error.WriteLine($"error VD1105: `{asOf}` is not a valid instant for --as-of\n  help: write an ISO-8601 instant with an offset, e.g. 2026-11-21T09:00:00Z");
                return ExitCodes.Usage;
            }
            clock = new ClockView(at);
        }
        IncidentFacts facts;
        try { facts = FactsLoader.LoadFile(factsPath); }
        catch (VerdictException e) { Cli.Print(e.Diagnostics); return ExitCodes.FactsInvalid; }

        PolicyBundle bundle;
        try { bundle = BundleCache.Load(policies, new BundleOptions { AllowCSharp = allowCSharp }); }
        catch (VerdictException e) { Cli.Print(e.Diagnostics); return ExitCodes.PoliciesInvalid; }

        Decisions.Decision decision;
        try { decision = bundle.Decide(facts, new DecideOptions { Explain = explain }); }
        catch (VerdictException e) { Cli.Print(e.Diagnostics); return ExitCodes.PoliciesInvalid; }

        var text = format switch
        {
            "text" => DecisionText.Write(decision, clock),
            "markdown" => DecisionMarkdown.Write(decision, report, clock),
            _ => DecisionJson.Write(decision, clock),
        };
        var stdout = Console.OpenStandardOutput();
        var bytes = new System.Text.UTF8Encoding(false).GetBytes(text);
        stdout.Write(bytes);
        stdout.Flush();
        if (decision.HasFailures)
        {
            // The decision is written in full (the deadlines that did compute must not be lost); the exit code and
            // one line per failure on stderr say that some items are `failed` (docs/decision.md).
            foreach (var f in decision.Failures) Console.Error.WriteLine(f.ToString());
            return ExitCodes.DecisionHasFailures;
        }
        return ExitCodes.Ok;
    }
}

/// <summary>Loads bundles with the language plug-ins this command line ships: lambda, js and (opt-in) csharp.</summary>
public static class BundleCache
{
    public static PolicyBundle Load(string folder, BundleOptions options) => Verdict.Scripting.ScriptLanguages.Load(folder, options);
}
