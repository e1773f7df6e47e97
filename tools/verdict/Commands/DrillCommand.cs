using System.CommandLine;
using Verdict.Cli.Drills;
using Verdict.Compilation;
using Verdict.Diagnostics;

namespace Verdict.Cli.Commands;

/// <summary><c>verdict drill</c>: replays a tabletop exercise and reports how the team did.</summary>
public static class DrillCommand
{
    public static Command Create()
    {
        var scenario = new Argument<string>("scenario") { Description = "drill scenario file (kind: Drill)" };
        var policies = new Option<string?>("--policies") { Description = "policy bundle folder (default: the nearest folder above the scenario that holds bundle.yaml)" };
        var format = new Option<string>("--format") { Description = "text | markdown | html", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "markdown", "html");
        var output = new Option<string?>("--output") { Description = "write the report to this file instead of standard output" };
        var cmd = new Command("drill", "replay a tabletop exercise: a decision at each inject, then an after-action report") { scenario, policies, format, output };
        cmd.SetAction(r => Run(r.GetValue(scenario)!, r.GetValue(policies), r.GetValue(format)!, r.GetValue(output)));
        return cmd;
    }

    private static int Run(string scenarioPath, string? policies, string format, string? output)
    {
        DrillScenario scenario;
        try { scenario = DrillReader.Read(scenarioPath); }
        catch (VerdictException e) { Cli.Print(e.Diagnostics); return ExitCodes.FactsInvalid; }

        policies ??= NearestBundle(scenarioPath);
        if (policies is null)
        {
            Console.Error.WriteLine($"error: no bundle.yaml above `{scenarioPath}`\n  help: pass --policies DIR");
            return ExitCodes.Usage;
        }
        PolicyBundle bundle;
        try { bundle = BundleCache.Load(policies, new BundleOptions()); }
        catch (VerdictException e) { Cli.Print(e.Diagnostics); return ExitCodes.PoliciesInvalid; }

        DrillRun run;
        try { run = DrillReplay.Run(scenario, bundle); }
        catch (VerdictException e) { Cli.Print(e.Diagnostics); return ExitCodes.FactsInvalid; }

        var text = format switch
        {
            "html" => DrillReport.Html(run),
            "markdown" => DrillReport.Write(run, markdown: true),
            _ => DrillReport.Write(run, markdown: false),
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
            return ExitCodes.Ok;
        }
        using var stdout = Console.OpenStandardOutput();
        stdout.Write(bytes);
        return ExitCodes.Ok;
    }

    /// <summary>The nearest folder at or above the scenario's that holds a bundle manifest.</summary>
    public static string? NearestBundle(string scenarioPath)
    {
        for (var dir = Path.GetDirectoryName(Path.GetFullPath(scenarioPath)); dir is not null; dir = Path.GetDirectoryName(dir))
            if (File.Exists(Path.Combine(dir, "bundle.yaml"))) return dir;
        return null;
    }
}
