using System.Text.Json;
using Json.Schema;
using Verdict.Diagnostics;
using Verdict.Syntax;

namespace Verdict.Schemas;

/// <summary>
/// One of the shipped JSON Schemas (draft-07), compiled once. The validator is JsonSchema.Net; its types stay inside
/// the engine, and its wording never reaches a user (see <see cref="SchemaValidator"/>).
/// </summary>
public sealed class SchemaDocument
{
    internal SchemaDocument(string name, string text)
    {
        Name = name;
        // Each schema gets its own registry: the `$id`s are ours, and no schema is ever fetched from the network.
        var options = new BuildOptions { SchemaRegistry = new SchemaRegistry(), Dialect = Dialect.Draft07 };
        Compiled = JsonSchema.FromText(text, options);
        using var doc = JsonDocument.Parse(text);
        Raw = doc.RootElement.Clone();
    }

    /// <summary>The file name under <c>schemas/</c>.</summary>
    public string Name { get; }

    internal JsonSchema Compiled { get; }

    /// <summary>The schema as written, to read keyword values (enum lists, patterns, descriptions) for messages.</summary>
    internal JsonElement Raw { get; }

    /// <summary>Every problem of a parsed YAML or JSON document, at its line and column.</summary>
    public List<Diagnostic> Validate(Node root) => SchemaValidator.Validate(root, this);

    /// <summary>Every problem of a JSON text (a decision the engine wrote, say); locations are JSON paths.</summary>
    public IReadOnlyList<Diagnostic> Validate(string json)
    {
        var root = JsonNodeReader.Read(System.Text.Encoding.UTF8.GetBytes(json), "<json>");
        return SchemaValidator.Validate(root, this, jsonPaths: true);
    }

    /// <summary>The subschema reached along an evaluation path (<c>/properties/a/$ref</c>), following local refs.</summary>
    internal JsonElement? Along(string evaluationPath)
    {
        JsonElement? e = Raw;
        if (evaluationPath.Length == 0) return e;
        foreach (var raw in evaluationPath[1..].Split('/'))
        {
            // Evaluation paths escape names twice (`a/b` is `a~01b`).
            var segment = Unescape(Unescape(raw));
            if (e is not { } cur) return null;
            if (segment == "$ref" && cur.ValueKind == JsonValueKind.Object && cur.TryGetProperty("$ref", out var r) &&
                r.GetString() is { } target && target.StartsWith('#'))
                e = At(target[1..]);
            else if (cur.ValueKind == JsonValueKind.Object && cur.TryGetProperty(segment, out var child)) e = child;
            else if (cur.ValueKind == JsonValueKind.Array && int.TryParse(segment, out var i) && i >= 0 && i < cur.GetArrayLength()) e = cur[i];
            else return null;
        }
        return e;
    }

    private static string Unescape(string s) => s.Replace("~1", "/").Replace("~0", "~");

    /// <summary>The subschema at a JSON pointer into this schema (<c>/definitions/instant</c>), or null.</summary>
    internal JsonElement? At(string pointer)
    {
        var e = Raw;
        if (pointer.Length == 0) return e;
        foreach (var raw in pointer[1..].Split('/'))
        {
            var segment = Uri.UnescapeDataString(raw).Replace("~1", "/").Replace("~0", "~");
            if (e.ValueKind == JsonValueKind.Object && e.TryGetProperty(segment, out var child)) e = child;
            else if (e.ValueKind == JsonValueKind.Array && int.TryParse(segment, out var i) && i >= 0 && i < e.GetArrayLength()) e = e[i];
            else return null;
        }
        return e;
    }
}
