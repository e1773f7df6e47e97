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
        var facts = new Option<string>("--facts") { Description = "incident facts file (JSON or YAML); `-` reads standard input", Required = true };
        var format = new Option<string>("--format") { Description = "json | text | markdown | html", DefaultValueFactory = _ => "json" };
        format.AcceptOnlyFromAmong("json", "text", "markdown", "html");
        var explain = new Option<bool>("--explain") { Description = "include the trace of every rule evaluated" };
        var asOf = new Option<string?>("--as-of") { Description = "an instant (ISO-8601): show time remaining or overdue per obligation" };
        var report = new Option<string?>("--report") { Description = "with --format markdown: a pre-filled notification draft for this obligation id" };
        var allowCSharp = new Option<bool>("--allow-csharp") { Description = "allow policies written in C#" };
        var watch = new Option<bool>("--watch") { Description = "decide again whenever the facts or a policy file changes (Ctrl+C to stop)" };
        var output = new Option<string?>("--output") { Description = "write the decision to this file instead of standard output" };
        var cmd = new Command("decide", "decide one incident against a policy bundle") { policies, facts, format, explain, asOf, report, allowCSharp, output, watch };
        cmd.SetAction(r =>
        {
            int Once() => Run(r.GetValue(policies)!, r.GetValue(facts)!, r.GetValue(format)!, r.GetValue(explain),
                r.GetValue(asOf), r.GetValue(report), r.GetValue(allowCSharp), r.GetValue(output));
            if (!r.GetValue(watch)) return Once();
            if (r.GetValue(facts) == "-" || !Directory.Exists(r.GetValue(policies)!))
            {
                Console.Error.WriteLine("error: --watch needs a facts file and a policy folder to watch\n  help: pass --facts FILE (not `-`) and an existing --policies folder");
                return ExitCodes.Usage;
            }
            return Watch.Loop([r.GetValue(policies)!, r.GetValue(facts)!], Once, Console.Out);
        });
        return cmd;
    }

    private static int Run(string policies, string factsPath, string format, bool explain, string? asOf, string? report, bool allowCSharp, string? output)
    {
        // A flag that would change nothing is a mistake in the command, not something to ignore silently.
        if (report is not null && format != "markdown")
        {
            Console.Error.WriteLine($"error: --report renders a notification draft in Markdown and does nothing with --format {format}\n  help: add --format markdown");
            return ExitCodes.Usage;
        }
        if (explain && format == "markdown")
            Console.Error.WriteLine("warning: --explain has no effect with --format markdown (the incident record has no trace)\n  help: use --format text or --format json to see the trace");
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
        try { facts = factsPath == "-" ? FactsLoader.LoadText(Console.In.ReadToEnd(), "<stdin>") : FactsLoader.LoadFile(factsPath); }
        catch (VerdictException e) { Cli.Print(e.Diagnostics); return ExitCodes.FactsInvalid; }

        PolicyBundle bundle;
        try { bundle = BundleCache.Load(policies, new BundleOptions { AllowCSharp = allowCSharp }); }
        catch (VerdictException e) { Cli.Print(e.Diagnostics); return ExitCodes.PoliciesInvalid; }

        Decisions.Decision decision;
        try { decision = bundle.Decide(facts, new DecideOptions { Explain = explain }); }
        catch (VerdictException e) { Cli.Print(e.Diagnostics); return ExitCodes.PoliciesInvalid; }

        if (report is not null && decision.Obligations.All(o => o.Id != report))
        {
            var owed = decision.Obligations.Select(o => o.Id).Distinct().ToList();
            Console.Error.WriteLine($"error: no obligation `{report}` in this decision, so there is no draft to render");
            Console.Error.WriteLine(owed.Count == 0 ? "  help: this incident owes no notification"
                : Suggest.Nearest(report, owed) is { } near ? $"  help: did you mean `{near}`? obligations in this decision: {string.Join(", ", owed)}"
                : $"  help: obligations in this decision: {string.Join(", ", owed)}");
            return ExitCodes.Usage;
        }
        var text = format switch
        {
            "text" => DecisionText.Write(decision, clock),
            "markdown" => DecisionMarkdown.Write(decision, report, clock),
            "html" => DecisionHtml.Write(decision, facts, clock),
            _ => DecisionJson.Write(decision, clock),
        };
        var bytes = new System.Text.UTF8Encoding(false).GetBytes(text);
        if (output is not null)
        {
            try { File.WriteAllBytes(output, bytes); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                Console.Error.WriteLine($"error: cannot write `{output}`: {e.Message}\n  help: check that the folder exists and is writable");
                return ExitCodes.Usage;
            }
        }
        else
        {
            var stdout = Console.OpenStandardOutput();
            stdout.Write(bytes);
            stdout.Flush();
        }
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
