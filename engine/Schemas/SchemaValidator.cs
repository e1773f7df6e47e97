using System.Buffers;
using System.Globalization;
using System.Text.Json;
using Json.Schema;
using Verdict.Diagnostics;
using Verdict.Syntax;

namespace Verdict.Schemas;

/// <summary>
/// Validates a <see cref="Node"/> tree against a JSON Schema and turns each schema error into a diagnostic at the
/// user's line and column, in the project's message style. The validator (JsonSchema.Net) says which keyword failed
/// where; the words are ours, built from the user's value and the schema's own keyword values.
/// </summary>
public static class SchemaValidator
{
    private static readonly EvaluationOptions Flag = new() { OutputFormat = OutputFormat.Flag };
    private static readonly EvaluationOptions List = new() { OutputFormat = OutputFormat.List };

    /// <summary>Returns every schema problem, in document order.</summary>
    public static List<Diagnostic> Validate(Node root, SchemaDocument schema) => Validate(root, schema, jsonPaths: false);

    /// <summary>As <see cref="Validate(Node, SchemaDocument)"/>; with <paramref name="jsonPaths"/> each diagnostic also
    /// names the JSON path of the value (for request bodies).</summary>
    public static List<Diagnostic> Validate(Node root, SchemaDocument schema, bool jsonPaths)
    {
        // Most documents are valid: a first pass builds no index and the flag format builds no output.
        var quick = new Instance(jsonPaths, index: false);
        using (var fast = quick.Convert(root))
            if (quick.Problems.Count == 0 && schema.Compiled.Evaluate(fast.RootElement, Flag).IsValid) return [];
        var instance = new Instance(jsonPaths, index: true);
        using var doc = instance.Convert(root);
        var result = instance.Problems;
        var results = schema.Compiled.Evaluate(doc.RootElement, List);
        new Mapper(schema, instance, result).Map(results);
        return result
            .GroupBy(d => (d.Location?.Line, d.Location?.Column, d.Message)).Select(g => g.First())
            .OrderBy(d => d.Location?.Line ?? 0).ThenBy(d => d.Location?.Column ?? 0).ThenBy(d => d.Message, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>The document as JSON for the validator, with every node (and key) indexed by its JSON pointer.</summary>
    private sealed class Instance(bool jsonPaths, bool index)
    {
        public readonly Dictionary<string, Node> Nodes = new(StringComparer.Ordinal);
        public readonly Dictionary<string, ScalarNode> Keys = new(StringComparer.Ordinal);
        private readonly HashSet<Node> _keyNodes = new(ReferenceEqualityComparer.Instance);
        // Values that could not be given to the validator (out-of-range numbers, broken text): already reported.
        public readonly HashSet<string> Reported = new(StringComparer.Ordinal);
        public readonly List<Diagnostic> Problems = [];
        public readonly bool JsonPaths = jsonPaths;

        public JsonDocument Convert(Node root)
        {
            var buffer = new ArrayBufferWriter<byte>(4096);
            using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { SkipValidation = true, MaxDepth = 1000 }))
                Write(w, root, "");
            return JsonDocument.Parse(buffer.WrittenMemory, new JsonDocumentOptions { MaxDepth = 1000 });
        }

        private void Write(Utf8JsonWriter w, Node node, string pointer)
        {
            if (index) Nodes[pointer] = node;
            switch (node)
            {
                case MapNode map:
                    w.WriteStartObject();
                    foreach (var (k, v) in map.Entries)
                    {
                        var child = index ? pointer + "/" + Escape(k.Value) : "";
                        if (index)
                        {
                            Keys[child] = k;
                            _keyNodes.Add(k);
                        }
                        if (Broken(k.Value)) { Report(k, child, $"key `{Printable(k.Value)}` holds an invalid character (a lone surrogate)"); w.WritePropertyName("\uFFFD" + child); }
                        else w.WritePropertyName(k.Value);
                        Write(w, v, child);
                    }
                    w.WriteEndObject();
                    break;
                case SeqNode seq:
                    w.WriteStartArray();
                    for (var i = 0; i < seq.Items.Count; i++) Write(w, seq.Items[i], index ? pointer + "/" + i.ToString(CultureInfo.InvariantCulture) : "");
                    w.WriteEndArray();
                    break;
                case ScalarNode s:
                    WriteScalar(w, s, pointer);
                    break;
            }
        }

        private void WriteScalar(Utf8JsonWriter w, ScalarNode s, string pointer)
        {
            switch (s.Kind)
            {
                case ScalarKind.Null: w.WriteNullValue(); return;
                case ScalarKind.Bool: w.WriteBooleanValue(NodeReader.AsBool(s)); return;
                case ScalarKind.Integer when long.TryParse(s.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l):
                    w.WriteNumberValue(l);
                    return;
                case ScalarKind.Integer or ScalarKind.Float:
                    if (double.TryParse(s.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d)) w.WriteNumberValue(d);
                    else
                    {
                        Report(s, pointer, $"`{s.Value}` is out of range for {Shown(s.Path)}", "write a number between -1e308 and 1e308");
                        w.WriteNullValue();
                    }
                    return;
                default:
                    if (Broken(s.Value))
                    {
                        Report(s, pointer, $"the text of {Shown(s.Path)} holds an invalid character (a lone surrogate)",
                            "write valid Unicode text; a surrogate escape must be a high one followed by a low one");
                        w.WriteStringValue("");
                    }
                    else w.WriteStringValue(s.Value);
                    return;
            }
        }

        private void Report(Node at, string pointer, string message, string? help = null)
        {
            Reported.Add(pointer);
            Problems.Add(Diagnostic.Error(Codes.BadValue, message, at.Location, help) with { JsonPath = JsonPaths ? JsonNodeReader.JsonPathOf(at.Path) : null });
        }

        public Diagnostic Located(Diagnostic d, Node at) => JsonPaths ? d with { JsonPath = JsonNodeReader.JsonPathOf(PathOf(at)) } : d;

        // A key node carries its mapping's path; the path of the key itself is what a user wants to see.
        private string PathOf(Node at)
        {
            if (at is ScalarNode key && _keyNodes.Contains(key)) return key.Path.Length == 0 ? key.Value : $"{key.Path}.{key.Value}";
            return at.Path;
        }
    }

    /// <summary>True when the text holds a lone UTF-16 surrogate, which no JSON or UTF-8 output can carry.</summary>
    internal static bool Broken(string s)
    {
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            if (!char.IsSurrogate(c)) continue;
            if (char.IsHighSurrogate(c) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1])) { i++; continue; }
            return true;
        }
        return false;
    }

    private static string Printable(string s) => new(s.Select(c => char.IsSurrogate(c) ? '\uFFFD' : c).ToArray());

    private static string Escape(string key) => key.Replace("~", "~0").Replace("/", "~1");

    private static string Shown(string path) => path.Length == 0 ? "the document" : $"`{path}`";

    /// <summary>Turns the validator's list output into our diagnostics.</summary>
    private sealed class Mapper(SchemaDocument schema, Instance instance, List<Diagnostic> into)
    {
        public void Map(EvaluationResults root)
        {
            var details = (root.Details ?? []).Where(d => !d.IsValid).ToList();
            if (!root.IsValid && details.Count == 0) details.Add(root);
            // A failed oneOf/anyOf is reported once, as itself: the failures of its branches would mislead.
            var combinators = new List<string>();
            foreach (var d in details)
            {
                var sub = SchemaAt(d);
                if (sub is not { ValueKind: JsonValueKind.Object } s) continue;
                foreach (var word in (ReadOnlySpan<string>)["oneOf", "anyOf"])
                {
                    if (!s.TryGetProperty(word, out var branches) || branches.ValueKind != JsonValueKind.Array) continue;
                    var prefix = d.EvaluationPath + "/" + word + "/";
                    var failing = details.Where(x => x.EvaluationPath.ToString().StartsWith(prefix, StringComparison.Ordinal))
                        .Select(x => x.EvaluationPath.ToString()[prefix.Length..].Split('/')[0]).Distinct().Count();
                    var matching = branches.GetArrayLength() - failing;
                    if (word == "oneOf" ? matching != 1 : matching == 0)
                    {
                        combinators.Add(prefix);
                        Combinator(d, word, branches, matching);
                    }
                }
            }
            foreach (var d in details)
            {
                if (d.Errors is not { Count: > 0 } errors) continue;
                var eval = d.EvaluationPath.ToString();
                if (combinators.Any(p => eval.StartsWith(p, StringComparison.Ordinal))) continue;
                var pointer = d.InstanceLocation.ToString();
                if (instance.Reported.Contains(pointer)) continue;
                foreach (var keyword in errors.Keys) Describe(d, keyword, eval, pointer);
            }
        }

        // The evaluation path (keywords taken, `$ref` included) is followed, not the reported schema location: under
        // `items` and `additionalProperties` JsonSchema.Net 8 reports locations that do not resolve.
        private JsonElement? SchemaAt(EvaluationResults d) => schema.Along(d.EvaluationPath.ToString());

        private Node NodeAt(string pointer)
        {
            for (var p = pointer; ; p = Parent(p))
            {
                if (instance.Nodes.TryGetValue(p, out var n)) return n;
                if (p.Length == 0) return instance.Nodes[""];
            }
        }

        private static string Parent(string pointer) => pointer.Length == 0 ? "" : pointer[..pointer.LastIndexOf('/')];

        private void Add(Diagnostic d, Node at) => into.Add(instance.Located(d, at));

        private void Describe(EvaluationResults d, string keyword, string eval, string pointer)
        {
            var node = NodeAt(pointer);
            var shown = Shown(node.Path);
            var sub = SchemaAt(d);
            var description = Str(sub, "description");
            switch (keyword)
            {
                case "" when eval.EndsWith("/additionalProperties", StringComparison.Ordinal):
                {
                    var key = instance.Keys.TryGetValue(pointer, out var k) ? k : null;
                    var name = key?.Value ?? pointer[(pointer.LastIndexOf('/') + 1)..];
                    var parentPath = NodeAt(Parent(pointer)).Path;
                    var allowed = Names(schema.Along(eval[..eval.LastIndexOf('/')]), "properties");
                    var near = allowed.Count > 0 ? Suggest.Nearest(name, allowed) : null;
                    var help = near is not null ? $"did you mean `{near}`?" :
                        allowed.Count > 0 ? $"expected one of: {string.Join(", ", allowed)}" : "remove it";
                    Add(Diagnostic.Error(Codes.UnknownKey, $"unknown key `{name}`" + (parentPath.Length > 0 ? $" in `{parentPath}`" : ""),
                        (key ?? node).Location, help), (Node?)key ?? node);
                    return;
                }
                case "required":
                {
                    var present = node is MapNode m ? m.Entries.Select(e => e.Key.Value).ToHashSet(StringComparer.Ordinal) : [];
                    foreach (var name in Strings(sub, "required").Where(r => !present.Contains(r)))
                    {
                        var path = node.Path.Length == 0 ? name : $"{node.Path}.{name}";
                        Add(Diagnostic.Error(Codes.MissingKey, $"missing required key `{path}`", node.Location, $"add `{name}:` here"), node);
                    }
                    return;
                }
                case "enum":
                case "const":
                {
                    var allowed = keyword == "enum" ? Values(sub, "enum") : sub?.TryGetProperty("const", out var c) == true ? [Value(c)] : [];
                    var value = ValueText(node);
                    var near = Suggest.Nearest(value, allowed);
                    var help = (near is not null ? $"did you mean `{near}`? " : "") +
                        (allowed.Count == 1 ? $"expected `{allowed[0]}`" : $"expected one of: {string.Join(", ", allowed)}");
                    Add(Diagnostic.Error(Codes.NotAllowedValue, $"`{value}` is not an allowed value for {shown}", node.Location, help), node);
                    return;
                }
                case "pattern" or "format" when eval.Contains("/propertyNames", StringComparison.Ordinal):
                {
                    var key = instance.Keys.GetValueOrDefault(pointer);
                    var name = key?.Value ?? pointer[(pointer.LastIndexOf('/') + 1)..];
                    var holder = NodeAt(Parent(pointer)).Path;
                    Add(Diagnostic.Error(Codes.BadFormat, $"key `{name}` in `{holder}` is not in the expected format", (key ?? node).Location,
                        description is not null ? $"expected {Lower(description)}" : $"expected a key matching `{Str(sub, "pattern")}`"), (Node?)key ?? node);
                    return;
                }
                case "pattern":
                case "format":
                    Add(Diagnostic.Error(Codes.BadFormat, $"`{ValueText(node)}` is not in the expected format for {shown}", node.Location,
                        description is not null ? $"expected {Lower(description)}" : $"expected a value matching `{Str(sub, "pattern")}`"), node);
                    return;
                case "type":
                {
                    var found = node.KindWord;
                    var value = node is ScalarNode sc && !sc.IsNull ? $" `{sc.Value}`" : "";
                    Add(Diagnostic.Error(Codes.WrongType, $"expected {ExpectedType(sub)} for {shown}, found {found}{value}", node.Location,
                        description is not null ? Lower(description) : null), node);
                    return;
                }
                case "minimum" or "maximum" or "exclusiveMinimum" or "exclusiveMaximum" or "minLength" or "maxLength" or "minItems"
                    or "maxItems" or "uniqueItems" or "minProperties" or "maxProperties" or "multipleOf":
                    Add(Diagnostic.Error(Codes.BadValue, $"{shown} {Bound(keyword, sub)}", node.Location,
                        description is not null ? Lower(description) : null), node);
                    return;
                default:
                    Add(Diagnostic.Error(Codes.SchemaOther, $"{shown} is not valid here", node.Location,
                        description is not null ? Lower(description) : null), node);
                    return;
            }
        }

        private void Combinator(EvaluationResults d, string word, JsonElement branches, int matching)
        {
            var node = NodeAt(d.InstanceLocation.ToString());
            var shapes = new List<string>();
            foreach (var b in branches.EnumerateArray())
            {
                var req = Strings(b, "required");
                if (req.Count == 0 || b.EnumerateObject().Any(p => p.Name != "required")) { shapes.Clear(); break; }
                shapes.Add(string.Join(" with ", req.Select(r => $"`{r}`")));
            }
            string message;
            if (shapes.Count > 0)
                message = word == "oneOf" && matching > 1
                    ? $"{SchemaValidator.Shown(node.Path)} has more than one of: {string.Join(", or ", shapes)}"
                    : $"{SchemaValidator.Shown(node.Path)} needs {(word == "oneOf" ? "exactly" : "at least")} one of: {string.Join(", or ", shapes)}";
            else message = $"{SchemaValidator.Shown(node.Path)} does not match any of the allowed shapes";
            var description = Str(SchemaAt(d), "description");
            Add(Diagnostic.Error(Codes.BadValue, message, node.Location, description is not null ? Lower(description) : null), node);
        }

        private static string ValueText(Node node) => node is ScalarNode s ? s.Value : node.KindWord;

        private static string Bound(string keyword, JsonElement? s)
        {
            string N(string k) => s?.TryGetProperty(k, out var v) == true ? v.GetRawText() : "?";
            return keyword switch
            {
                "minimum" => $"must be at least {N("minimum")}",
                "maximum" => $"must be at most {N("maximum")}",
                "exclusiveMinimum" => $"must be more than {N("exclusiveMinimum")}",
                "exclusiveMaximum" => $"must be less than {N("exclusiveMaximum")}",
                "minLength" => $"must have at least {N("minLength")} characters",
                "maxLength" => $"must have at most {N("maxLength")} characters",
                "minItems" => $"must have at least {N("minItems")} items",
                "maxItems" => $"must have at most {N("maxItems")} items",
                "uniqueItems" => "must not list the same item twice",
                "minProperties" => $"must have at least {N("minProperties")} keys",
                "maxProperties" => $"must have at most {N("maxProperties")} keys",
                _ => $"must be a multiple of {N("multipleOf")}",
            };
        }

        private static string ExpectedType(JsonElement? s)
        {
            if (s?.TryGetProperty("type", out var t) != true) return "another type";
            var names = t.ValueKind == JsonValueKind.Array ? t.EnumerateArray().Select(x => x.GetString() ?? "").ToList() : [t.GetString() ?? ""];
            var words = names.Select(n => n switch
            {
                "string" => "a string",
                "integer" => "an integer",
                "number" => "a number",
                "boolean" => "a boolean",
                "array" => "a list",
                "object" => "a mapping",
                "null" => "null",
                _ => "another type",
            }).Distinct().ToList();
            return words.Count > 0 ? string.Join(" or ", words) : "another type";
        }

        private static string? Str(JsonElement? s, string key) =>
            s is { ValueKind: JsonValueKind.Object } o && o.TryGetProperty(key, out var v) && v.ValueKind == JsonValueKind.String && v.GetString() is { Length: > 0 } text
                ? text : null;

        private static List<string> Strings(JsonElement? s, string key) =>
            s is { ValueKind: JsonValueKind.Object } o && o.TryGetProperty(key, out var v) && v.ValueKind == JsonValueKind.Array
                ? v.EnumerateArray().Where(x => x.ValueKind == JsonValueKind.String).Select(x => x.GetString()!).ToList() : [];

        private static List<string> Values(JsonElement? s, string key) =>
            s is { ValueKind: JsonValueKind.Object } o && o.TryGetProperty(key, out var v) && v.ValueKind == JsonValueKind.Array
                ? v.EnumerateArray().Select(Value).ToList() : [];

        private static string Value(JsonElement e) => e.ValueKind == JsonValueKind.String ? e.GetString()! : e.GetRawText();

        private static List<string> Names(JsonElement? s, string key) =>
            s is { ValueKind: JsonValueKind.Object } o && o.TryGetProperty(key, out var v) && v.ValueKind == JsonValueKind.Object
                ? v.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal).ToList() : [];
    }

    // "ISO-8601 instant" stays "ISO-8601 instant": only a capital that starts an ordinary word is lowered.
    internal static string Lower(string s)
    {
        s = s.TrimEnd('.');
        if (s.Length == 0 || !char.IsUpper(s[0]) || (s.Length > 1 && char.IsUpper(s[1]))) return s;
        return char.ToLowerInvariant(s[0]) + s[1..];
    }
}
