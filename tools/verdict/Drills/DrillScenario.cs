using System.Text.RegularExpressions;
using NodaTime;
using NodaTime.Text;
using Verdict.Diagnostics;
using Verdict.Facts;
using Verdict.Schemas;
using Verdict.Syntax;

namespace Verdict.Cli.Drills;

/// <summary>A tabletop exercise read from a scenario file (<c>schemas/drill.schema.json</c>).</summary>
public sealed record DrillScenario(
    string Id,
    string Title,
    string File,
    string FactsFile,
    MapNode Facts,
    Instant Start,
    Instant End,
    IReadOnlyList<Inject> Injects,
    IReadOnlyList<TeamAction> Team);

/// <summary>Facts that change or are learned at <see cref="At"/>.</summary>
public sealed record Inject(Instant At, string Title, IReadOnlyList<(string Path, Node Value)> Set, IReadOnlyList<string> Remove, SourceLocation Location);

/// <summary>What the team did: a notice submitted, a page acknowledged or an action completed.</summary>
public sealed record TeamAction(Instant At, TeamActionKind Kind, string Target, string? Stage, SourceLocation Location);

/// <summary>The kinds of <see cref="TeamAction"/>.</summary>
public enum TeamActionKind { Notice, Ack, Action }

/// <summary>Reads and validates scenario files; every problem is located.</summary>
public static partial class DrillReader
{
    /// <summary>Schema file name of a scenario.</summary>
    public const string Schema = "drill.schema.json";

    /// <summary>Reads <paramref name="path"/>; throws <see cref="VerdictException"/> with every problem found.</summary>
    public static DrillScenario Read(string path)
    {
        var root = NodeReader.ReadFile(path, path);
        if (root is not MapNode map)
            throw VerdictException.Single(Codes.WrongType, $"expected a drill scenario mapping, found {root.KindWord}", root.Location,
                "start with `apiVersion: verdict.dev/v1` and `kind: Drill`");
        var errors = SchemaValidator.Validate(map, SchemaCatalog.Get(Schema));
        if (errors.Count > 0) throw new VerdictException(errors);

        var factsRel = map.GetString("facts")!;
        var factsPath = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".", factsRel);
        var factsShown = Path.Combine(Path.GetDirectoryName(path) ?? "", factsRel).Replace('\\', '/');
        if (!System.IO.File.Exists(factsPath))
            throw VerdictException.Single(Codes.FileUnreadable, $"facts file `{factsRel}` does not exist", map.Get("facts")!.Location,
                "name a facts file relative to the scenario");
        var factsNode = NodeReader.ReadFile(factsPath, factsShown);
        var start = FactsLoader.LoadFile(factsPath, factsShown).Clock("awareAt")
            ?? throw VerdictException.Single(Codes.MissingKey, "the starting facts have no `timeline.awareAt`", factsNode.Location, "T0 of a drill is the awareness instant");

        var problems = new List<Diagnostic>();
        var injects = new List<Inject>();
        if (map.GetValue("injects") is SeqNode seq)
            foreach (var item in seq.Items.OfType<MapNode>())
            {
                var at = When(item.Get("at")!, start, problems);
                var set = new List<(string, Node)>();
                if (item.GetValue("set") is MapNode sets)
                    foreach (var (k, v) in sets.Entries) { CheckPath(k, problems); set.Add((k.Value, v)); }
                var remove = new List<string>();
                if (item.GetValue("remove") is SeqNode rem)
                    foreach (var r in rem.Items.OfType<ScalarNode>()) { CheckPath(r, problems); remove.Add(r.Value); }
                injects.Add(new Inject(at, item.GetString("title")!, set, remove, item.Location));
            }
        var team = new List<TeamAction>();
        if (map.GetValue("team") is SeqNode actions)
            foreach (var item in actions.Items.OfType<MapNode>())
            {
                var at = When(item.Get("at")!, start, problems);
                var (kind, target) = item.GetString("notice") is { } n ? (TeamActionKind.Notice, n)
                    : item.GetString("ack") is { } a ? (TeamActionKind.Ack, a) : (TeamActionKind.Action, item.GetString("action")!);
                team.Add(new TeamAction(at, kind, target, item.GetString("stage"), item.Location));
            }
        var last = injects.Select(i => i.At).Concat(team.Select(t => t.At)).DefaultIfEmpty(start).Max();
        var end = map.Get("end") is { } e ? When(e, start, problems) : last;
        if (end < last)
            problems.Add(Diagnostic.Error(Codes.BadValue, "`end` falls before the last inject or team action", map.Get("end")!.Location,
                "move `end` after every `at`, or leave it out"));
        if (problems.Count > 0) throw new VerdictException(problems);

        // Same-instant injects keep their file order; team actions are ordered by instant, then by file order.
        injects = [.. injects.Select((x, i) => (x, i)).OrderBy(p => p.x.At).ThenBy(p => p.i).Select(p => p.x)];
        team = [.. team.Select((x, i) => (x, i)).OrderBy(p => p.x.At).ThenBy(p => p.i).Select(p => p.x)];
        return new DrillScenario(map.GetString("id")!, map.GetString("title")!, path, factsRel, (MapNode)factsNode, start, end, injects, team);
    }

    private static void CheckPath(ScalarNode key, List<Diagnostic> problems)
    {
        if (FactPaths.Exists(key.Value) && !FactPaths.IsDerived(key.Value)) return;
        var near = Suggest.Nearest(key.Value, FactPaths.All.Where(p => !FactPaths.IsDerived(p)));
        problems.Add(Diagnostic.Error(Codes.UnknownFactPath, $"unknown fact path `{key.Value}`", key.Location,
            near is not null ? $"did you mean `{near}`?" : "name a path of the incident facts, e.g. `breach.exfiltration`"));
    }

    [GeneratedRegex(@"^(\d+)([mhd])$")]
    private static partial Regex ShortDuration();

    private static readonly PeriodPattern Iso = PeriodPattern.NormalizingIso;

    /// <summary>An <c>at:</c> value: T0 + a duration, or an absolute instant not before T0.</summary>
    private static Instant When(Node node, Instant start, List<Diagnostic> problems)
    {
        var text = ((ScalarNode)node).Value;
        Instant at;
        if (ShortDuration().Match(text) is { Success: true } m && long.TryParse(m.Groups[1].Value, out var n) && n <= 100_000)
            at = start + (m.Groups[2].Value switch { "m" => Duration.FromMinutes(n), "h" => Duration.FromHours(n), _ => Duration.FromDays(n) });
        else if (text.StartsWith('P') && Iso.Parse(text) is { Success: true } p
                 && p.Value.Years == 0 && p.Value.Months == 0 && p.Value.Weeks == 0 && p.Value.Days <= 100_000 && p.Value.Hours <= 2_400_000)
            at = start + p.Value.ToDuration();
        else if (FactsLoader.TryParseInstant(text, out var instant))
            at = instant;
        else
        {
            problems.Add(Diagnostic.Error(Codes.BadValue, $"`{text}` is not a drill time", node.Location,
                "write T+duration (`PT20H`, `P2D`, `20h`, `2d`, `45m`) or an instant with an offset (`2026-11-21T09:00:00Z`)"));
            return start;
        }
        if (at < start)
            problems.Add(Diagnostic.Error(Codes.BadValue, $"`{text}` falls before T0 ({Rendering.FactsJson.Format(start)}, the starting facts' awareAt)", node.Location,
                "drill times count from the awareness instant"));
        return at;
    }
}
