using System.Text.Json;

namespace Verdict.Schemas;

/// <summary>Follows local <c>$ref</c>s (<c>#/definitions/…</c>) of a shipped schema, for code that reads a schema's shape.</summary>
public static class SchemaRefs
{
    /// <summary>The node <paramref name="node"/> refers to within <paramref name="root"/>, or the node itself; at most 8 hops.</summary>
    public static JsonElement Resolve(JsonElement root, JsonElement node)
    {
        for (var i = 0; i < 8 && node.ValueKind == JsonValueKind.Object && node.TryGetProperty("$ref", out var r); i++)
        {
            var reference = r.GetString() ?? "";
            if (!reference.StartsWith("#/", StringComparison.Ordinal)) break;
            var target = root;
            foreach (var part in reference[2..].Split('/'))
                if (!target.TryGetProperty(part, out target)) return node;
            node = target;
        }
        return node;
    }
}
