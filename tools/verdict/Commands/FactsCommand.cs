using System.CommandLine;
using Verdict.Compilation;
using Verdict.Diagnostics;
using Verdict.Facts;
using Verdict.Salesforce.Facts;
using Verdict.Syntax;

namespace Verdict.Cli.Commands;

/// <summary>
/// <c>verdict facts salesforce</c>: incident facts from Salesforce Event Monitoring logs, over an optional base incident,
/// with the evidence for each access. The result is validated as facts before it is written.
/// </summary>
public static class FactsCommand
{
    /// <summary>Creates the <c>facts</c> command and its <c>salesforce</c> subcommand.</summary>
    public static Command Create()
    {
        var events = new Option<string[]>("--events") { Description = "event log files or folders (EventLogFile CSV, real-time exports as CSV or JSON)", Required = true, AllowMultipleArgumentsPerToken = true };
        var map = new Option<string>("--map") { Description = "the org's SalesforceMap (YAML)", Required = true };
        var incident = new Option<string?>("--incident") { Description = "base incident facts (YAML or JSON) the logs add to" };
        var window = new Option<string?>("--window") { Description = "FROM..TO: instants with an offset, or dates in the org's zone" };
        var output = new Option<string?>("--output") { Description = "write the facts here instead of standard output" };
        var policies = new Option<string?>("--policies") { Description = "policy bundle: timeline.occurredAt is then the first read that breaks a purpose binding" };
        var sf = new Command("salesforce", "incident facts from Salesforce Event Monitoring logs") { events, map, incident, window, output, policies };
        sf.SetAction(r => Run(r.GetValue(events)!, r.GetValue(map)!, r.GetValue(incident), r.GetValue(window), r.GetValue(output), r.GetValue(policies)));
        return new Command("facts", "derive incident facts from the logs of other systems") { sf };
    }

    private static int Run(string[] events, string mapPath, string? incident, string? window, string? output, string? policies)
    {
        var map = SalesforceInputs.LoadMap(mapPath);
        if (map is null) return ExitCodes.FactsInvalid;
        if (!SalesforceInputs.TryWindow(window, map.Zone, out var from, out var to, out var problem))
        {
            Console.Error.WriteLine($"error VD1105: {problem} for --window\n  help: write FROM..TO, e.g. 2026-12-07..2026-12-08 or 2026-12-07T00:00:00Z..");
            return ExitCodes.Usage;
        }
        Node? baseNode = null;
        if (incident is not null)
        {
            try { baseNode = NodeReader.ReadFile(incident, incident); }
            catch (VerdictException e) { Cli.Print(e.Diagnostics); return ExitCodes.FactsInvalid; }
        }
        IAccessJudge? judge = null;
        if (policies is not null)
        {
            try { judge = new BundleJudge(BundleCache.Load(policies, new BundleOptions())); }
            catch (VerdictException e) { Cli.Print(e.Diagnostics); return ExitCodes.PoliciesInvalid; }
        }
        var collector = new Collector(map, judge, from, to);
        // The map, the base incident and the output may sit beside the logs; they are not logs.
        var skip = new HashSet<string>(new[] { output, incident, mapPath }.OfType<string>().Select(p => Path.GetFullPath(p)));
        if (!SalesforceInputs.Read(events, map, collector, skip)) return ExitCodes.FactsInvalid;

        string text;
        try
        {
            text = FactsDocument.Write(FactsDocument.Build(collector, baseNode, incident));
            FactsLoader.LoadText(text, output ?? "<facts>");
        }
        catch (VerdictException e) { Cli.Print(e.Diagnostics); return ExitCodes.FactsInvalid; }
        var bytes = new System.Text.UTF8Encoding(false).GetBytes(text);
        if (output is null)
        {
            var stdout = Console.OpenStandardOutput();
            stdout.Write(bytes);
            stdout.Flush();
        }
        else File.WriteAllBytes(output, bytes);
        return ExitCodes.Ok;
    }
}
