using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Verdict.Model;
using Verdict.Schemas;
using Verdict.Syntax;

namespace Verdict.Uncertainty;

/// <summary>
/// The finite set of values a missing fact is completed with, so the enumeration is exact rather than sampled:
/// enums and booleans by their schema domain; counts and numbers by the thresholds the bundle's policy text compares
/// them with (one value below, at and above each, and 0); lists of enum values by the values the policy text names,
/// every subset when there are at most <see cref="MaxSubsetValues"/>, otherwise each value alone and all together.
/// Facts of any other shape (free text, instants, maps) have no finite domain and are not completed.
/// </summary>
public sealed class FactDomains
{
    /// <summary>Lists with more tested values than this are completed with singletons and the full set only.</summary>
    public const int MaxSubsetValues = 3;

    private static readonly Lazy<JsonObject> Schema = new(() => (JsonObject)JsonNode.Parse(SchemaCatalog.Text(SchemaCatalog.IncidentFacts))!);
    private static readonly Regex Number = new(@"-?\d+(?:\.\d+)?", RegexOptions.CultureInvariant);
    private readonly List<string> _scalars = [];
    private readonly List<(string Id, string Expression)> _inputs = [];
    private readonly List<(string Key, string Value)> _cells = [];
    private readonly Dictionary<string, IReadOnlyList<JsonNode?>?> _cache = new(StringComparer.Ordinal);

    /// <summary>Reads the policy text of <paramref name="source"/> once.</summary>
    public FactDomains(BundleSource source)
    {
        foreach (var (_, node) in source.Files) Walk(node);
    }

    private void Walk(Node node)
    {
        switch (node)
        {
            case ScalarNode s: _scalars.Add(s.Value); break;
            case SeqNode q: foreach (var i in q.Items) Walk(i); break;
            case MapNode m:
                if (m.GetString("id") is { } id && m.GetValue("expression") is ScalarNode e) _inputs.Add((id, e.Value));
                foreach (var (k, v) in m.Entries)
                {
                    if (v is ScalarNode sv) _cells.Add((k.Value, sv.Value));
                    Walk(v);
                }
                break;
        }
    }

    /// <summary>The completion values of <paramref name="path"/>, or null when it has no finite domain.</summary>
    public IReadOnlyList<JsonNode?>? Of(string path)
    {
        lock (_cache)
        {
            if (_cache.TryGetValue(path, out var known)) return known;
            var found = Compute(path);
            _cache[path] = found;
            return found;
        }
    }

    private IReadOnlyList<JsonNode?>? Compute(string path)
    {
        var node = Resolve(path);
        if (node is null) return null;
        if (node["enum"] is JsonArray values) return values.Select(v => v?.DeepClone()).ToList();
        var type = node["type"]?.ToString();
        if (type == "boolean") return [JsonValue.Create(false), JsonValue.Create(true)];
        if (type is "integer" or "number") return Numbers(path, type == "integer");
        if (type == "array" && Deref(node["items"] as JsonObject)?["enum"] is JsonArray items)
            return Lists(items.Select(i => i!.ToString()).ToList(), (node["minItems"]?.GetValue<int>() ?? 0) > 0);
        return null;
    }

    private JsonObject? Resolve(string path)
    {
        JsonObject? node = Schema.Value;
        foreach (var seg in path.Split('.'))
        {
            node = Deref(node?["properties"]?[seg] as JsonObject);
            if (node is null) return null;
        }
        return node;
    }

    private static JsonObject? Deref(JsonObject? node)
    {
        if (node?["$ref"]?.ToString() is { } r && r.StartsWith("#/definitions/", StringComparison.Ordinal))
            return Deref(Schema.Value["definitions"]?[r["#/definitions/".Length..]] as JsonObject);
        return node;
    }

    // Thresholds: numbers in any policy text that names the path, and in matrix cells keyed by an input reading it.
    private List<JsonNode?> Numbers(string path, bool integer)
    {
        var thresholds = new SortedSet<decimal> { 0 };
        foreach (var s in _scalars)
            if (Mentions(s, path)) Add(s, thresholds);
        var inputs = _inputs.Where(i => Mentions(i.Expression, path)).Select(i => i.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var (k, v) in _cells)
            if (inputs.Contains(k)) Add(v, thresholds);
        var step = integer ? 1m : 0.5m;
        var values = new SortedSet<decimal>();
        foreach (var t in thresholds)
            foreach (var v in new[] { t - step, t, t + step })
                if (v >= 0) values.Add(v);
        return values.Select(v => (JsonNode?)(integer ? JsonValue.Create((long)v) : JsonValue.Create(v))).ToList();
    }

    private static void Add(string text, SortedSet<decimal> into)
    {
        foreach (Match m in Number.Matches(text))
            if (decimal.TryParse(m.Value, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var d)
                && Math.Abs(d) < 1_000_000_000_000m)
                into.Add(Math.Abs(d));
    }

    private static bool Mentions(string text, string path)
    {
        for (var at = text.IndexOf(path, StringComparison.Ordinal); at >= 0; at = text.IndexOf(path, at + 1, StringComparison.Ordinal))
        {
            var end = at + path.Length;
            var before = at == 0 || !(char.IsLetterOrDigit(text[at - 1]) || text[at - 1] == '.');
            var after = end == text.Length || !(char.IsLetterOrDigit(text[end]) || text[end] == '.');
            if (before && after) return true;
        }
        return false;
    }

    // Lists: the values some policy text names (quoted or bare), as subsets.
    private List<JsonNode?> Lists(List<string> domain, bool nonEmpty)
    {
        var tested = domain.Where(v => _scalars.Any(s => Token(s, v))).ToList();
        var sets = new List<List<string>>();
        if (tested.Count <= MaxSubsetValues)
            for (var mask = 0; mask < 1 << tested.Count; mask++)
                sets.Add(tested.Where((_, i) => (mask & (1 << i)) != 0).ToList());
        else
        {
            sets.Add([]);
            sets.AddRange(tested.Select(t => new List<string> { t }));
            sets.Add(tested);
        }
        if (nonEmpty)
        {
            sets.RemoveAll(s => s.Count == 0);
            if (sets.Count == 0) sets.Add([domain[0]]);
        }
        return sets.Select(s => (JsonNode?)new JsonArray(s.Select(v => (JsonNode?)JsonValue.Create(v)).ToArray())).ToList();
    }

    private static bool Token(string text, string value)
    {
        for (var at = text.IndexOf(value, StringComparison.Ordinal); at >= 0; at = text.IndexOf(value, at + 1, StringComparison.Ordinal))
        {
            var end = at + value.Length;
            var before = at == 0 || !(char.IsLetterOrDigit(text[at - 1]) || text[at - 1] == '-');
            var after = end == text.Length || !(char.IsLetterOrDigit(text[end]) || text[end] == '-');
            if (before && after) return true;
        }
        return false;
    }
}
