using NodaTime;
using Verdict.Diagnostics;
using Verdict.Schemas;
using Verdict.Syntax;

namespace Verdict.Salesforce.Mapping;

/// <summary>Reads a <c>SalesforceMap</c> file (YAML or JSON), validates it against its schema and builds the lookups.</summary>
public static class MapLoader
{
    /// <summary>The map's schema file in <c>schemas/</c>, embedded in the engine with the others.</summary>
    public const string SchemaName = "salesforce-map.schema.json";

    /// <summary>Loads a map file; every problem is reported at once with its line and column.</summary>
    public static SalesforceMap LoadFile(string path, string? displayName = null) =>
        FromNode(NodeReader.ReadFile(path, displayName ?? path));

    /// <summary>Loads a map from text; <paramref name="source"/> names it in diagnostics.</summary>
    public static SalesforceMap LoadText(string text, string source = "<map>") => FromNode(NodeReader.Read(text, source));

    private static SalesforceMap FromNode(Node root)
    {
        if (root is not MapNode m)
            throw VerdictException.Single(Codes.WrongType, $"expected a mapping, found {root.KindWord}", root.Location,
                "start with `apiVersion: verdict.dev/v1` and `kind: SalesforceMap`");
        var errors = SchemaValidator.Validate(root, SchemaCatalog.Get(SchemaName));
        if (errors.Count > 0) throw new VerdictException(errors);

        var problems = new List<Diagnostic>();
        var org = (MapNode)m.GetValue("org")!;
        var zoneNode = (ScalarNode)org.GetValue("timeZone")!;
        var zone = DateTimeZoneProviders.Tzdb.GetZoneOrNull(zoneNode.Value);
        if (zone is null)
            problems.Add(Diagnostic.Error(Codes.BadValue, $"`{zoneNode.Value}` is not an IANA time zone", zoneNode.Location,
                "write a zone such as Europe/Berlin or America/New_York"));

        var actors = new List<MappedActor>();
        // User ids are case-sensitive (15 characters) or carry a checksum (18); usernames are not case-sensitive.
        var byUser = new Dictionary<string, MappedActor>(StringComparer.Ordinal);
        var byUsername = new Dictionary<string, MappedActor>(StringComparer.OrdinalIgnoreCase);
        var byApp = new Dictionary<string, MappedActor>(StringComparer.Ordinal);
        var byClient = new Dictionary<string, MappedActor>(StringComparer.Ordinal);
        foreach (var item in ((SeqNode)m.GetValue("actors")!).Items.Cast<MapNode>())
        {
            var reads = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
            if (item.GetValue("reads") is MapNode rm)
                foreach (var (k, v) in rm.Entries) reads[k.Value] = Strings(v);
            var actor = new MappedActor(item.GetString("id")!, Kind(item.GetString("kind")!), item.GetString("purpose")!,
                item.GetValue("external") is ScalarNode e && NodeReader.AsBool(e), item.GetString("connectedApp"), item.GetString("integration"), reads);
            actors.Add(actor);
            var match = (MapNode)item.GetValue("match")!;
            if (match.GetValue("users") is SeqNode users)
            {
                Index(new SeqNode(users.Location, users.Path, users.Items.Where(u => u is ScalarNode x && !x.Value.Contains('@')).ToList()), byUser, actor, problems);
                Index(new SeqNode(users.Location, users.Path, users.Items.Where(u => u is ScalarNode x && x.Value.Contains('@')).ToList()), byUsername, actor, problems);
            }
            Index(match.GetValue("connectedApps"), byApp, actor, problems);
            Index(match.GetValue("clients"), byClient, actor, problems);
        }

        var objects = new Dictionary<string, ObjectCategories>(StringComparer.Ordinal);
        if (m.GetValue("objects") is MapNode om)
            foreach (var (k, v) in om.Entries)
            {
                var o = (MapNode)v;
                var fields = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
                if (o.GetValue("fields") is MapNode fm)
                    foreach (var (fk, fv) in fm.Entries) fields[fk.Value] = Strings(fv);
                var whole = o.GetValue("categories") is { } c ? Strings(c) : fields.Values.SelectMany(x => x).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
                objects[k.Value] = new ObjectCategories(whole, fields);
            }

        var people = new Dictionary<string, PeopleCount>(StringComparer.Ordinal);
        if (m.GetValue("people") is MapNode pm)
            foreach (var (k, v) in pm.Entries)
                people[k.Value] = ((MapNode)v).GetString("count") == "rows" ? PeopleCount.Rows : PeopleCount.DistinctIds;

        var reports = new Dictionary<string, ReportShape>(StringComparer.Ordinal);
        if (m.GetValue("reports") is MapNode repm)
            foreach (var (k, v) in repm.Entries)
            {
                var r = (MapNode)v;
                var id = k.Value.Length == 18 ? k.Value[..15] : k.Value;
                reports[id] = new ReportShape(r.GetString("object")!, r.GetValue("fields") is { } f ? Strings(f) : []);
            }

        var residency = new List<ResidencyExport>();
        if (m.GetValue("residency") is MapNode res && res.GetValue("exports") is SeqNode ex)
            foreach (var x in ex.Items.Cast<MapNode>())
                residency.Add(new ResidencyExport(x.GetString("file")!, x.GetString("object")!, x.GetString("id")!, x.GetString("country")!,
                    x.GetString("region"), (x.GetValue("regionFor") is { } rf ? Strings(rf) : []).ToHashSet(StringComparer.Ordinal)));

        if (problems.Count > 0) throw new VerdictException(problems);
        return new SalesforceMap(m.GetString("id")!, m.GetString("version")!, zone!, actors, byUser, byUsername, byApp, byClient, objects, people, reports, residency);
    }

    private static ActorKind Kind(string s) => s switch
    {
        "ai-system" => ActorKind.AiSystem,
        "agent" => ActorKind.Agent,
        "integration" => ActorKind.Integration,
        _ => ActorKind.Person,
    };

    private static List<string> Strings(Node n) => n is SeqNode s ? s.Items.OfType<ScalarNode>().Select(x => x.Value).ToList() : [];

    private static void Index(Node? list, Dictionary<string, MappedActor> into, MappedActor actor, List<Diagnostic> problems)
    {
        if (list is not SeqNode seq) return;
        foreach (var s in seq.Items.OfType<ScalarNode>())
        {
            // 18-character ids are indexed by their 15-character form: logs carry either.
            var key = s.Value.Length == 18 && s.Value.All(char.IsAsciiLetterOrDigit) ? s.Value[..15] : s.Value;
            if (into.TryGetValue(key, out var other) && other.Id != actor.Id)
                problems.Add(Diagnostic.Error(Codes.BadValue, $"`{s.Value}` already identifies the actor `{other.Id}`", s.Location,
                    "one user, connected app or client identifies one actor; give the other actor its own identity"));
            else into[key] = actor;
        }
    }
}
