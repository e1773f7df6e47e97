using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Verdict.Diagnostics;
using Verdict.Rendering;
using Verdict.Salesforce.Mapping;
using Verdict.Syntax;

namespace Verdict.Salesforce.Facts;

/// <summary>
/// Writes incident facts from what a <see cref="Collector"/> saw, over an optional base incident. What the logs show
/// replaces the base (<c>access</c>, <c>data.records</c>, <c>timeline.occurredAt</c>, <c>source.system</c>,
/// <c>source.connectedApp</c>, <c>source.integration</c>, and <c>data.subjects</c> when a residency export was read);
/// <c>data.categories</c> is the union of both; everything else comes from the base. <c>evidence</c> says which lines
/// of which files show each access.
/// </summary>
public static class FactsDocument
{
    /// <summary>Builds the facts; throws when they lack what only a base incident can give (id, awareAt).</summary>
    public static JsonObject Build(Collector c, Node? baseIncident, string? baseName)
    {
        var facts = baseIncident is MapNode m ? (JsonObject)ToJson(m)! : new JsonObject();
        var problems = new List<Diagnostic>();
        if (facts["id"] is null)
            problems.Add(Diagnostic.Error(Codes.MissingKey, "the facts have no `id`", baseName is null ? null : new SourceLocation(baseName, 1, 1),
                "pass --incident BASE.yaml with the incident's id and timeline.awareAt"));
        var timeline = Section(facts, "timeline");
        if (timeline["awareAt"] is null)
            problems.Add(Diagnostic.Error(Codes.MissingKey, "the facts have no `timeline.awareAt`: event logs cannot say when the controller became aware",
                baseName is null ? null : new SourceLocation(baseName, 1, 1), "pass --incident BASE.yaml with timeline.awareAt"));
        if (problems.Count > 0) throw new VerdictException(problems);

        if (c.FirstAnomaly is { } first)
        {
            timeline["occurredAt"] = FactsJson.Format(first.At);
            var source = Section(facts, "source");
            source["system"] = "salesforce";
            if (first.Actor.ConnectedApp is { } app) source["connectedApp"] = app;
            if (first.Actor.Integration is { } integration) source["integration"] = integration;
        }

        var access = new JsonArray();
        var evidence = new JsonArray();
        var categories = new SortedSet<string>(StringComparer.Ordinal);
        var aiActor = false;
        var index = 0;
        foreach (var g in c.Groups)
        {
            var a = new JsonObject
            {
                ["actor"] = g.Actor.Id,
                ["purpose"] = g.Actor.Purpose,
                ["object"] = g.Object,
            };
            // A read whose fields the log does not name is a read of the whole object: no field list.
            if (!g.AllFields && g.Fields.Count > 0) a["fields"] = new JsonArray([.. g.Fields.Select(f => (JsonNode)f)]);
            if (g.Categories.Count > 0) a["categories"] = new JsonArray([.. g.Categories.Select(f => (JsonNode)f)]);
            if (g.HasRows) a["records"] = g.Records;
            if (g.Actor.External) a["external"] = true;
            access.Add(a);
            categories.UnionWith(g.Categories);
            aiActor |= g.Actor.Kind is ActorKind.AiSystem or ActorKind.Agent;
            foreach (var s in g.Spans.Values.OrderBy(s => s.File, StringComparer.Ordinal))
                evidence.Add(Evidence(s, "access[" + index.ToString(CultureInfo.InvariantCulture) + "]",
                    $"{s.Events} event(s) of {g.Actor.Id} reading {g.Object}, {FactsJson.Format(s.First)} to {FactsJson.Format(s.Last)}"));
            index++;
        }
        foreach (var (kind, s) in c.OtherEvidence)
            evidence.Add(Evidence(s, null, $"{s.Events} {kind} event(s) of mapped actors, {FactsJson.Format(s.First)} to {FactsJson.Format(s.Last)}"));
        foreach (var s in c.ResidencySpans)
            evidence.Add(Evidence(s, "data.subjects", $"{s.Events} record(s) giving residency"));

        if (access.Count > 0) facts["access"] = access;
        var data = Section(facts, "data");
        if (c.People() is { } people)
        {
            data["records"] = people.Records;
            data["recordsEstimated"] = people.Estimated;
        }
        if (data["categories"] is JsonArray baseCats)
            foreach (var x in baseCats) if (x?.GetValueKind() == JsonValueKind.String) categories.Add(x.GetValue<string>());
        if (categories.Count > 0) data["categories"] = new JsonArray([.. categories.Select(x => (JsonNode)x)]);
        var subjects = c.Subjects();
        if (subjects.Count > 0)
        {
            var o = new JsonObject();
            foreach (var (k, v) in subjects) o[k] = v;
            data["subjects"] = o;
        }
        if (data.Count == 0) facts.Remove("data");
        if (aiActor)
        {
            var ai = Section(facts, "ai");
            ai["involved"] ??= true;
        }
        if (evidence.Count > 0) facts["evidence"] = evidence;
        return facts;
    }

    /// <summary>The facts as indented JSON with a final newline.</summary>
    public static string Write(JsonObject facts) =>
        facts.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = CanonicalJson.Encoder }) + "\n";

    private static JsonObject Evidence(FileSpan s, string? supports, string note)
    {
        var o = new JsonObject { ["file"] = s.File, ["firstLine"] = s.FirstLine, ["lastLine"] = s.LastLine, ["events"] = s.Events };
        if (supports is not null) o["supports"] = supports;
        o["note"] = note;
        return o;
    }

    private static JsonObject Section(JsonObject facts, string name)
    {
        if (facts[name] is JsonObject o) return o;
        o = new JsonObject();
        facts[name] = o;
        return o;
    }

    private static JsonNode? ToJson(Node node) => node switch
    {
        MapNode map => new JsonObject(map.Entries.Select(e => KeyValuePair.Create(e.Key.Value, ToJson(e.Value)))),
        SeqNode seq => new JsonArray([.. seq.Items.Select(ToJson)]),
        ScalarNode { Kind: ScalarKind.Null } => null,
        ScalarNode { Kind: ScalarKind.Bool } s => JsonValue.Create(NodeReader.AsBool(s)),
        ScalarNode { Kind: ScalarKind.Integer } s when long.TryParse(s.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var l) => JsonValue.Create(l),
        ScalarNode { Kind: ScalarKind.Integer or ScalarKind.Float } s => JsonValue.Create(NodeReader.AsDouble(s)),
        ScalarNode s => JsonValue.Create(s.Value),
        _ => null,
    };
}
