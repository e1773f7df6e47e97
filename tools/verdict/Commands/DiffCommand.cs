using System.CommandLine;
using System.Text;
using System.Text.Json;
using Verdict.Compilation;
using Verdict.Decisions;
using Verdict.Diagnostics;
using Verdict.Facts;
using Verdict.Rendering;
using Verdict.Cli.Diffing;
using Verdict.Syntax;

namespace Verdict.Cli.Commands;

/// <summary>
/// <c>verdict diff --base DIR --head DIR --corpus DIR</c>: decides every incident of a corpus under two bundle versions
/// and reports every field that changes (<see cref="Diffing.DecisionDiff"/>, the comparison <c>verdict test</c> uses).
/// <c>--format markdown</c> is a pull-request comment: incidents grouped by identical change, at most
/// <see cref="DiffMarkdown.MaxBytes"/>; <c>--output-full FILE</c> writes the report of every incident beside it.
/// </summary>
public static class DiffCommand
{
    public static Command Create()
    {
        var baseDir = new Option<string>("--base") { Description = "policy bundle before the change (e.g. a git worktree of the target branch)", Required = true };
        var headDir = new Option<string>("--head") { Description = "policy bundle after the change", Required = true };
        var corpus = new Option<string>("--corpus") { Description = "folder of incident facts (*.yaml, *.json, *.jsonl: one incident per line)", Required = true };
        var format = new Option<string>("--format") { Description = "text | markdown | json", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "markdown", "json");
        var full = new Option<string?>("--output-full") { HelpName = "FILE", Description = "also write the full report (every incident, every change) to FILE, in --format (markdown when it is markdown, else json)" };
        var exact = new Option<bool>("--exact") { Description = "also compare decision ids, the bundle version and digest, and policy versions" };
        var allowCSharp = new Option<bool>("--allow-csharp") { Description = "allow policies written in C#" };
        var cmd = new Command("diff", "show how decisions over a corpus of incidents change between two bundle versions") { baseDir, headDir, corpus, format, full, exact, allowCSharp };
        cmd.SetAction(r => Run(new DiffOptions(r.GetValue(baseDir)!, r.GetValue(headDir)!, r.GetValue(corpus)!, r.GetValue(format)!, r.GetValue(allowCSharp))
            { OutputFull = r.GetValue(full), Exact = r.GetValue(exact) }, Console.Out));
        return cmd;
    }

    /// <summary>Runs the diff and prints the report. 0 whatever changed; 2 for a missing corpus; 3 when a bundle is invalid.</summary>
    internal static int Run(string baseDir, string headDir, string corpus, string format, bool allowCSharp, TextWriter output) =>
        Run(new DiffOptions(baseDir, headDir, corpus, format, allowCSharp), output);

    /// <summary>Runs the diff and prints the report. 0 whatever changed; 2 for a missing corpus; 3 when a bundle is invalid.</summary>
    internal static int Run(DiffOptions o, TextWriter output)
    {
        if (!Directory.Exists(o.Corpus) && !File.Exists(o.Corpus))
        {
            Console.Error.WriteLine($"error: corpus `{o.Corpus}` does not exist\n  help: pass a folder of incident facts files");
            return ExitCodes.Usage;
        }
        var options = new BundleOptions { AllowCSharp = o.AllowCSharp };
        PolicyBundle before, after;
        try { before = BundleCache.Load(o.Base, options); }
        catch (VerdictException e) { Console.Error.WriteLine($"error: the base bundle `{o.Base}` is invalid"); Cli.Print(e.Diagnostics); return ExitCodes.PoliciesInvalid; }
        try { after = BundleCache.Load(o.Head, options); }
        catch (VerdictException e) { Console.Error.WriteLine($"error: the head bundle `{o.Head}` is invalid"); Cli.Print(e.Diagnostics); return ExitCodes.PoliciesInvalid; }

        var report = new DiffReport(before, after, o.Exact);
        foreach (var (source, load) in Corpus.Read(o.Corpus))
        {
            IncidentFacts facts;
            try { facts = load(); }
            catch (VerdictException e) { report.Unreadable.Add((source, e.Diagnostics[0].ToString().Split('\n')[0])); continue; }
            catch (Exception e) when (e is not OutOfMemoryException) { report.Unreadable.Add((source, $"cannot read: {e.Message}")); continue; }
            report.Add(source, facts.Id, Decide(before, facts), Decide(after, facts));
        }
        output.Write(o.Format switch
        {
            "markdown" => DiffMarkdown.Write(report, o.OutputFull is null ? null : TestCommand.Show(o.OutputFull)),
            "json" => DiffJson.Write(report),
            _ => DiffText.Write(report),
        });
        if (o.OutputFull is { } path)
        {
            var text = o.Format == "markdown" ? DiffMarkdown.WriteFull(report) : DiffJson.Write(report);
            File.WriteAllBytes(path, new UTF8Encoding(false).GetBytes(text));
        }
        return ExitCodes.Ok;
    }

    private static (Decision? Decision, string? Error) Decide(PolicyBundle bundle, IncidentFacts facts)
    {
        try { return (bundle.Decide(facts), null); }
        catch (VerdictException e) { return (null, $"{e.Diagnostics[0].Code}: {e.Diagnostics[0].Message}"); }
        catch (Exception e) when (e is not OutOfMemoryException) { return (null, $"internal error: {e.Message}"); }
    }
}

/// <summary>The options of one <c>verdict diff</c> run.</summary>
internal sealed record DiffOptions(string Base, string Head, string Corpus, string Format, bool AllowCSharp)
{
    public string? OutputFull { get; init; }
    public bool Exact { get; init; }
}

/// <summary>The facts files of a corpus, each with a loader; a JSONL file gives one incident per non-empty line.</summary>
internal static class Corpus
{
    public static IEnumerable<(string Source, Func<IncidentFacts> Load)> Read(string corpus)
    {
        IEnumerable<string> files = File.Exists(corpus) ? [corpus]
            : Directory.EnumerateFiles(corpus, "*", SearchOption.AllDirectories)
                .Where(f => f.EndsWith(".jsonl", StringComparison.Ordinal) || TestCases.IsFactsFile(f))
                .Where(f => !TestCases.InInputFolder(corpus, f))
                .OrderBy(f => f.Replace('\\', '/'), StringComparer.Ordinal);
        foreach (var file in files)
        {
            var shown = TestCommand.Show(file);
            if (!file.EndsWith(".jsonl", StringComparison.Ordinal))
            {
                yield return (shown, () => FactsLoader.LoadFile(file, shown));
                continue;
            }
            var lineNo = 0;
            foreach (var line in File.ReadLines(file))
            {
                lineNo++;
                if (string.IsNullOrWhiteSpace(line)) continue;
                var source = $"{shown}:{lineNo}";
                yield return (source, () => FactsLoader.LoadText(line, source));
            }
        }
    }
}

