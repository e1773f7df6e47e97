using System.Globalization;
using System.Text.Json;
using Verdict.Schemas;

namespace Verdict.Lint.Tables;

/// <summary>What the incident-facts schema says about one fact path: its allowed values, whether it counts, its minimum.</summary>
internal sealed record FactShape(IReadOnlyList<string>? Enum, bool Integer, double? Minimum);

/// <summary>
/// Reads value domains from <c>schemas/incident-facts.schema.json</c>, so a table analysis enumerates the values a fact
/// can really take (every <c>breach.dataHolder</c>, records from 0) instead of guessing.
/// </summary>
internal static class FactShapes
{
    private static readonly Lazy<JsonDocument> Schema = new(() => JsonDocument.Parse(SchemaCatalog.Text(SchemaCatalog.IncidentFacts)));

    /// <summary>The shape of a dotted fact path, or null when the schema does not describe it as a plain value.</summary>
    public static FactShape? Of(string path)
    {
        var root = Schema.Value.RootElement;
        var node = root;
        foreach (var segment in path.Split('.'))
        {
            node = Resolve(root, node);
            if (!node.TryGetProperty("properties", out var props) || !props.TryGetProperty(segment, out node)) return null;
        }
        node = Resolve(root, node);
        if (IsArray(node) && node.TryGetProperty("items", out var items)) node = Resolve(root, items);
        List<string>? values = null;
        if (node.TryGetProperty("enum", out var e) && e.ValueKind == JsonValueKind.Array)
            values = e.EnumerateArray().Where(v => v.ValueKind == JsonValueKind.String).Select(v => v.GetString()!).ToList();
        var integer = node.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String && t.GetString() == "integer";
        double? minimum = node.TryGetProperty("minimum", out var m) && m.ValueKind == JsonValueKind.Number
            ? m.GetDouble() : null;
        return new FactShape(values, integer, minimum);
    }

    private static bool IsArray(JsonElement node) =>
        node.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String && t.GetString() == "array";

    private static JsonElement Resolve(JsonElement root, JsonElement node) => Schemas.SchemaRefs.Resolve(root, node);

    /// <summary>A number as policies and messages write it.</summary>
    public static string Show(double d) => d.ToString("0.######", CultureInfo.InvariantCulture);
}
