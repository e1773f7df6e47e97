using System.Text.Json;
using Verdict.Schemas;

namespace Verdict.Facts;

/// <summary>
/// The closed value sets of <c>schemas/incident-facts.schema.json</c> by fact path (<c>breach.cause</c>,
/// <c>data.categories</c> for its items, <c>ai.systems[].autonomy</c> inside lists), so a literal compared with such a
/// fact can be checked when a policy is compiled: a typo there would otherwise be a silent false.
/// </summary>
public static class FactEnums
{
    private static readonly Lazy<Dictionary<string, string[]>> Table = new(Build);

    /// <summary>The allowed values of a path, or null when the fact is not a closed set.</summary>
    public static IReadOnlyList<string>? Of(string path) => Table.Value.GetValueOrDefault(path);

    private static Dictionary<string, string[]> Build()
    {
        using var doc = JsonDocument.Parse(SchemaCatalog.Text(SchemaCatalog.IncidentFacts));
        var root = doc.RootElement;
        var table = new Dictionary<string, string[]>(StringComparer.Ordinal)
        {
            ["severity.level"] = ["low", "medium", "high", "critical"],
        };
        Walk(root, root, "", table, 0);
        return table;
    }

    private static void Walk(JsonElement root, JsonElement node, string path, Dictionary<string, string[]> table, int depth)
    {
        if (depth > 8) return;
        node = Resolve(root, node);
        if (node.ValueKind != JsonValueKind.Object) return;
        if (node.TryGetProperty("enum", out var e) && e.ValueKind == JsonValueKind.Array && path.Length > 0)
        {
            var values = e.EnumerateArray().Where(v => v.ValueKind == JsonValueKind.String).Select(v => v.GetString()!).ToArray();
            if (values.Length > 0) table[path] = values;
        }
        if (node.TryGetProperty("items", out var items))
        {
            var item = Resolve(root, items);
            // a list of closed values: its path names the items' set (data.categories.Contains("health"))
            if (item.ValueKind == JsonValueKind.Object && !item.TryGetProperty("properties", out _)) Walk(root, item, path, table, depth + 1);
            else Walk(root, item, path + "[]", table, depth + 1);
        }
        if (node.TryGetProperty("properties", out var props) && props.ValueKind == JsonValueKind.Object)
            foreach (var p in props.EnumerateObject())
                Walk(root, p.Value, path.Length == 0 ? p.Name : $"{path}.{p.Name}", table, depth + 1);
        foreach (var combinator in (string[])["anyOf", "oneOf", "allOf"])
            if (node.TryGetProperty(combinator, out var parts) && parts.ValueKind == JsonValueKind.Array)
                foreach (var part in parts.EnumerateArray()) Walk(root, part, path, table, depth + 1);
    }

    private static JsonElement Resolve(JsonElement root, JsonElement node) => Schemas.SchemaRefs.Resolve(root, node);
}
