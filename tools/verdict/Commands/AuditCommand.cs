using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Verdict.Compilation;
using Verdict.Rendering;
using Verdict.Salesforce.Facts;
using Verdict.Syntax;

namespace Verdict.Cli.Commands;

/// <summary>
/// <c>verdict audit access</c>: runs the purpose bindings over every read in the event logs and reports the violations
/// by actor and purpose, with counts, first and last instant and the lines that show them.
/// </summary>
public static class AuditCommand
{
    /// <summary>Exit code when some logged read breaks a binding.</summary>
    public const int Violations = 1;

    /// <summary>Creates the <c>audit</c> command and its <c>access</c> subcommand.</summary>
    public static Command Create()
    {
        var events = new Option<string[]>("--events") { Description = "event log files or folders", Required = true, AllowMultipleArgumentsPerToken = true };
        var map = new Option<string>("--map") { Description = "the org's SalesforceMap (YAML)", Required = true };
        var policies = new Option<string>("--policies") { Description = "policy bundle holding the purpose bindings", Required = true };
        var format = new Option<string>("--format") { Description = "text | json | jsonl (one SARIF-like result per line, for a SIEM)", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "json", "jsonl");
        var window = new Option<string?>("--window") { Description = "FROM..TO: instants with an offset, or dates in the org's zone" };
        var access = new Command("access", "check every logged read against the purpose bindings") { events, map, policies, format, window };
        access.SetAction(r => Run(r.GetValue(events)!, r.GetValue(map)!, r.GetValue(policies)!, r.GetValue(format)!, r.GetValue(window)));
        return new Command("audit", "audit logged activity against the policies") { access };
    }

    private static int Run(string[] events, string mapPath, string policies, string format, string? window)
    {
        var map = SalesforceInputs.LoadMap(mapPath);
        if (map is null) return ExitCodes.FactsInvalid;
        if (!SalesforceInputs.TryWindow(window, map.Zone, out var from, out var to, out var problem))
        {
            Console.Error.WriteLine($"error VD1105: {problem} for --window\n  help: write FROM..TO, e.g. 2026-12-07..2026-12-08");
            return ExitCodes.Usage;
        }
        PolicyBundle bundle;
        try { bundle = BundleCache.Load(policies, new BundleOptions()); }
        catch (Verdict.Diagnostics.VerdictException e) { Cli.Print(e.Diagnostics); return ExitCodes.PoliciesInvalid; }
        var collector = new Collector(map, new BundleJudge(bundle), from, to);
        if (!SalesforceInputs.Read(events, map, collector, new HashSet<string>([Path.GetFullPath(mapPath)]))) return ExitCodes.FactsInvalid;
        var groups = collector.Violations.ToList();
        var text = format switch
        {
            "json" => Json(groups, collector),
            "jsonl" => JsonLines(groups),
            _ => Text(groups, collector),
        };
        var stdout = Console.OpenStandardOutput();
        stdout.Write(new UTF8Encoding(false).GetBytes(text));
        stdout.Flush();
        return groups.Count > 0 ? Violations : ExitCodes.Ok;
    }

    private static string Text(List<ViolationGroup> groups, Collector c)
    {
        var sb = new StringBuilder();
        var inv = CultureInfo.InvariantCulture;
        if (groups.Count == 0) sb.Append(inv, $"no violations in {c.Events} events\n");
        foreach (var g in groups)
        {
            sb.Append(inv, $"{g.Actor} under {g.Purpose}: {g.Events} reads in violation, {FactsJson.Format(g.First)} .. {FactsJson.Format(g.Last)}\n");
            sb.Append(inv, $"  objects: {string.Join(", ", g.Objects)}\n");
            foreach (var (rule, r) in g.Rules) sb.Append(inv, $"  {rule} ({r.Events}): {r.Reason}\n");
            foreach (var s in g.Spans.Values.OrderBy(s => s.File, StringComparer.Ordinal))
                sb.Append(inv, $"  evidence: {s.File}:{s.FirstLine}-{s.LastLine} ({s.Events} events)\n");
        }
        return sb.ToString();
    }

    private static string Json(List<ViolationGroup> groups, Collector c)
    {
        using var ms = new MemoryStream();
        using (var w = new Utf8JsonWriter(ms, new JsonWriterOptions { Indented = true, Encoder = CanonicalJson.Encoder }))
        {
            w.WriteStartObject();
            w.WriteNumber("events", c.Events);
            w.WriteNumber("badLines", c.BadLineCount);
            w.WriteStartArray("violations");
            foreach (var g in groups)
            {
                w.WriteStartObject();
                w.WriteString("actor", g.Actor);
                w.WriteString("purpose", g.Purpose);
                w.WriteNumber("events", g.Events);
                w.WriteString("firstAt", FactsJson.Format(g.First));
                w.WriteString("lastAt", FactsJson.Format(g.Last));
                w.WriteStartArray("objects");
                foreach (var o in g.Objects) w.WriteStringValue(o);
                w.WriteEndArray();
                w.WriteStartArray("rules");
                foreach (var (rule, r) in g.Rules)
                {
                    w.WriteStartObject();
                    w.WriteString("rule", rule);
                    w.WriteNumber("events", r.Events);
                    w.WriteString("policy", r.Policy);
                    w.WriteString("firstAt", FactsJson.Format(r.First));
                    w.WriteString("lastAt", FactsJson.Format(r.Last));
                    w.WriteString("reason", r.Reason);
                    WriteEvidence(w, r.Spans);
                    w.WriteEndObject();
                }
                w.WriteEndArray();
                WriteEvidence(w, g.Spans);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(ms.ToArray()) + "\n";
    }

    private static void WriteEvidence(Utf8JsonWriter w, Dictionary<string, FileSpan> spans)
    {
        w.WriteStartArray("evidence");
        foreach (var s in spans.Values.OrderBy(s => s.File, StringComparer.Ordinal))
        {
            w.WriteStartObject();
            w.WriteString("file", s.File);
            w.WriteNumber("firstLine", s.FirstLine);
            w.WriteNumber("lastLine", s.LastLine);
            w.WriteNumber("events", s.Events);
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }

    /// <summary>One SARIF-like result per actor, purpose and rule, one JSON object per line.</summary>
    private static string JsonLines(List<ViolationGroup> groups)
    {
        var sb = new StringBuilder();
        foreach (var g in groups)
            foreach (var (rule, r) in g.Rules)
            {
                using var ms = new MemoryStream();
                using (var w = new Utf8JsonWriter(ms, new JsonWriterOptions { Encoder = CanonicalJson.Encoder }))
                {
                    w.WriteStartObject();
                    w.WriteString("ruleId", r.Policy.Length > 0 ? r.Policy + "#" + rule : rule);
                    w.WriteString("level", "error");
                    w.WriteStartObject("message");
                    w.WriteString("text", $"{g.Actor} under {g.Purpose}: {r.Reason}");
                    w.WriteEndObject();
                    w.WriteStartArray("locations");
                    foreach (var s in r.Spans.Values.OrderBy(s => s.File, StringComparer.Ordinal))
                    {
                        w.WriteStartObject();
                        w.WriteStartObject("physicalLocation");
                        w.WriteStartObject("artifactLocation");
                        w.WriteString("uri", s.File);
                        w.WriteEndObject();
                        w.WriteStartObject("region");
                        w.WriteNumber("startLine", s.FirstLine);
                        w.WriteNumber("endLine", s.LastLine);
                        w.WriteEndObject();
                        w.WriteEndObject();
                        w.WriteEndObject();
                    }
                    w.WriteEndArray();
                    w.WriteStartObject("properties");
                    w.WriteString("actor", g.Actor);
                    w.WriteString("purpose", g.Purpose);
                    w.WriteNumber("events", r.Events);
                    w.WriteString("firstAt", FactsJson.Format(r.First));
                    w.WriteString("lastAt", FactsJson.Format(r.Last));
                    w.WriteStartArray("objects");
                    foreach (var o in g.Objects) w.WriteStringValue(o);
                    w.WriteEndArray();
                    w.WriteEndObject();
                    w.WriteEndObject();
                }
                sb.Append(Encoding.UTF8.GetString(ms.ToArray())).Append('\n');
            }
        return sb.ToString();
    }
}
