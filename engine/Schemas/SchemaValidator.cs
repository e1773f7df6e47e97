using Newtonsoft.Json.Linq;
using NJsonSchema;
using NJsonSchema.Validation;
using Verdict.Diagnostics;
using Verdict.Syntax;

namespace Verdict.Schemas;

/// <summary>
/// Validates a <see cref="Node"/> tree against a JSON Schema and turns each schema error into a diagnostic at the
/// user's line and column, in the project's message style.
/// </summary>
public static class SchemaValidator
{
    /// <summary>Returns every schema problem, in document order.</summary>
    public static List<Diagnostic> Validate(Node root, JsonSchema schema)
    {
        var index = new Dictionary<string, Node>(StringComparer.Ordinal);
        var token = ToToken(root, index);
        var errors = schema.Validate(token);
        var result = new List<Diagnostic>();
        foreach (var e in errors) Flatten(e, index, root, result);
        return result
            .GroupBy(d => (d.Location?.Line, d.Location?.Column, d.Message)).Select(g => g.First())
            .OrderBy(d => d.Location?.Line ?? 0).ThenBy(d => d.Location?.Column ?? 0).ThenBy(d => d.Message, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>Converts the tree to JSON for the validator, indexing nodes by the validator's path syntax.</summary>
    public static JToken ToToken(Node node, Dictionary<string, Node>? index = null)
    {
        index?.TryAdd(node.Path, node);
        switch (node)
        {
            case MapNode map:
                var obj = new JObject();
                foreach (var (k, v) in map.Entries) obj[k.Value] = ToToken(v, index);
                return obj;
            case SeqNode seq:
                var arr = new JArray();
                foreach (var item in seq.Items) arr.Add(ToToken(item, index));
                return arr;
            case ScalarNode s:
                return s.Kind switch
                {
                    ScalarKind.Null => JValue.CreateNull(),
                    ScalarKind.Bool => new JValue(NodeReader.AsBool(s)),
                    ScalarKind.Integer when long.TryParse(s.Value, out var l) => new JValue(l),
                    ScalarKind.Integer or ScalarKind.Float => new JValue(NodeReader.AsDouble(s)),
                    _ => new JValue(s.Value),
                };
            default:
                throw new InvalidOperationException("unknown node");
        }
    }

    private static void Flatten(ValidationError e, Dictionary<string, Node> index, Node root, List<Diagnostic> into)
    {
        if (e is ChildSchemaValidationError child && e.Kind is not ValidationErrorKind.NotOneOf and not ValidationErrorKind.NotAnyOf)
        {
            foreach (var group in child.Errors.Values)
                foreach (var inner in group) Flatten(inner, index, root, into);
            return;
        }
        if (e is MultiTypeValidationError multi && multi.Errors.Count > 0 && e.Kind != ValidationErrorKind.NoTypeValidates)
        {
            foreach (var group in multi.Errors.Values)
                foreach (var inner in group) Flatten(inner, index, root, into);
            return;
        }
        into.Add(Describe(e, index, root));
    }

    private static Diagnostic Describe(ValidationError e, Dictionary<string, Node> index, Node root)
    {
        var path = (e.Path ?? "#/").TrimStart('#').TrimStart('/');
        var node = index.GetValueOrDefault(path);
        var parentPath = ParentPath(path);
        var parent = index.GetValueOrDefault(parentPath) ?? root;
        var shown = path.Length == 0 ? "the document" : $"`{path}`";
        var schema = e.Schema;
        switch (e.Kind)
        {
            case ValidationErrorKind.NoAdditionalPropertiesAllowed:
            {
                var key = e.Property ?? LastSegment(path);
                var keyNode = (parent as MapNode)?.Entries.FirstOrDefault(x => x.Key.Value == key).Key;
                var allowed = ParentProperties(schema);
                var near = allowed.Count > 0 ? Suggest.Nearest(key, allowed) : null;
                var help = near is not null ? $"did you mean `{near}`?" :
                    allowed.Count > 0 ? $"expected one of: {string.Join(", ", allowed)}" : "remove it";
                return Diagnostic.Error(Codes.UnknownKey, $"unknown key `{key}`" + (parentPath.Length > 0 ? $" in `{parentPath}`" : ""),
                    (keyNode ?? node ?? parent).Location, help);
            }
            case ValidationErrorKind.PropertyRequired:
            {
                var key = e.Property ?? LastSegment(path);
                var holder = index.GetValueOrDefault(ParentPath(path)) ?? root;
                return Diagnostic.Error(Codes.MissingKey, $"missing required key `{path}`", holder.Location,
                    $"add `{key}:` here");
            }
            case ValidationErrorKind.NotInEnumeration:
            {
                var allowed = schema?.Enumeration?.Select(x => x?.ToString() ?? "null").ToList() ?? [];
                var value = (node as ScalarNode)?.Value ?? node?.KindWord ?? "?";
                var near = Suggest.Nearest(value, allowed);
                return Diagnostic.Error(Codes.NotAllowedValue, $"`{value}` is not an allowed value for {shown}", node?.Location ?? parent.Location,
                    (near is not null ? $"did you mean `{near}`? " : "") + $"expected one of: {string.Join(", ", allowed)}");
            }
            case ValidationErrorKind.PatternMismatch:
            case ValidationErrorKind.DateTimeExpected:
            case ValidationErrorKind.DateExpected:
            {
                var value = (node as ScalarNode)?.Value ?? "?";
                return Diagnostic.Error(Codes.BadFormat, $"`{value}` is not in the expected format for {shown}", node?.Location ?? parent.Location,
                    schema?.Description is { Length: > 0 } d ? $"expected {Lower(d)}" : $"expected a value matching `{schema?.Pattern}`");
            }
            case ValidationErrorKind.NumberTooSmall:
            case ValidationErrorKind.NumberTooBig:
            case ValidationErrorKind.StringTooShort:
            case ValidationErrorKind.StringTooLong:
            case ValidationErrorKind.TooFewItems:
            case ValidationErrorKind.TooManyItems:
            case ValidationErrorKind.NotOneOf:
            case ValidationErrorKind.NotAnyOf:
            case ValidationErrorKind.ExcludedSchemaValidates:
                return Diagnostic.Error(Codes.BadValue, $"{shown} {KindText(e.Kind, schema)}", node?.Location ?? parent.Location,
                    schema?.Description is { Length: > 0 } d2 ? Lower(d2) : null);
            default:
                if (e.Kind.ToString().EndsWith("Expected", StringComparison.Ordinal) || e.Kind == ValidationErrorKind.NoTypeValidates)
                {
                    var expected = ExpectedType(e.Kind, schema);
                    var found = node?.KindWord ?? "nothing";
                    var value = node is ScalarNode sc ? $" `{sc.Value}`" : "";
                    return Diagnostic.Error(Codes.WrongType, $"expected {expected} for {shown}, found {found}{value}",
                        node?.Location ?? parent.Location, schema?.Description is { Length: > 0 } d3 ? Lower(d3) : null);
                }
                return Diagnostic.Error(Codes.SchemaOther, $"{shown} is not valid here ({Lower(e.Kind.ToString())})", node?.Location ?? parent.Location);
        }
    }

    private static string KindText(ValidationErrorKind kind, JsonSchema? s) => kind switch
    {
        ValidationErrorKind.NumberTooSmall => $"must be at least {s?.Minimum}",
        ValidationErrorKind.NumberTooBig => $"must be at most {s?.Maximum}",
        ValidationErrorKind.StringTooShort => $"must have at least {s?.MinLength} characters",
        ValidationErrorKind.StringTooLong => $"must have at most {s?.MaxLength} characters",
        ValidationErrorKind.TooFewItems => $"must have at least {s?.MinItems} items",
        ValidationErrorKind.TooManyItems => $"must have at most {s?.MaxItems} items",
        ValidationErrorKind.NotOneOf or ValidationErrorKind.NotAnyOf => "does not match any of the allowed shapes",
        _ => "is not allowed",
    };

    private static string ExpectedType(ValidationErrorKind kind, JsonSchema? s)
    {
        var t = s?.Type ?? JsonObjectType.None;
        if (t != JsonObjectType.None)
        {
            var words = new List<string>();
            if (t.HasFlag(JsonObjectType.String)) words.Add("a string");
            if (t.HasFlag(JsonObjectType.Integer)) words.Add("an integer");
            if (t.HasFlag(JsonObjectType.Number)) words.Add("a number");
            if (t.HasFlag(JsonObjectType.Boolean)) words.Add("a boolean");
            if (t.HasFlag(JsonObjectType.Array)) words.Add("a list");
            if (t.HasFlag(JsonObjectType.Object)) words.Add("a mapping");
            if (t.HasFlag(JsonObjectType.Null)) words.Add("null");
            if (words.Count > 0) return string.Join(" or ", words);
        }
        return kind switch
        {
            ValidationErrorKind.StringExpected => "a string",
            ValidationErrorKind.IntegerExpected => "an integer",
            ValidationErrorKind.NumberExpected => "a number",
            ValidationErrorKind.BooleanExpected => "a boolean",
            ValidationErrorKind.ArrayExpected => "a list",
            ValidationErrorKind.ObjectExpected => "a mapping",
            ValidationErrorKind.NullExpected => "null",
            _ => "another type",
        };
    }

    private static List<string> ParentProperties(JsonSchema? s)
    {
        if (s is null) return [];
        var actual = s.ActualSchema;
        return actual.ActualProperties.Keys.OrderBy(k => k, StringComparer.Ordinal).ToList();
    }

    private static string ParentPath(string path)
    {
        if (path.EndsWith(']'))
        {
            var b = path.LastIndexOf('[');
            return b > 0 ? path[..b] : "";
        }
        var dot = path.LastIndexOf('.');
        var bracket = path.LastIndexOf(']');
        return dot > bracket ? path[..dot] : bracket >= 0 ? path[..(bracket + 1)] : "";
    }

    private static string LastSegment(string path)
    {
        var p = ParentPath(path);
        return p.Length == 0 ? path : path[(p.Length + 1)..];
    }

    private static string Lower(string s) => s.Length > 0 ? char.ToLowerInvariant(s[0]) + s[1..].TrimEnd('.') : s;
}
