using System.Text;
using System.Text.Json;
using Verdict.Diagnostics;

namespace Verdict.Syntax;

/// <summary>
/// Reads a JSON document straight from UTF-8 bytes into <see cref="Node"/>s with line, column and path, without the
/// YAML parser. Bad bytes (invalid UTF-8, an escaped lone surrogate) are a located error, never an exception of the
/// framework: every diagnostic names its JSON path (<c>$.data.subjects</c>).
/// </summary>
public static class JsonNodeReader
{
    /// <summary>Reads one JSON value; <paramref name="source"/> names the input in diagnostics.</summary>
    public static Node Read(ReadOnlySpan<byte> utf8, string source, ReaderLimits? limits = null)
    {
        limits ??= ReaderLimits.Default;
        if (utf8.Length > limits.MaxBytes)
            throw Error(Codes.FileTooLarge, $"input is {utf8.Length} bytes, over the limit of {limits.MaxBytes}",
                new SourceLocation(source, 1, 1), "$", "split the input or raise the limit");
        if (utf8.StartsWith("\xEF\xBB\xBF"u8)) utf8 = utf8[3..];
        if (utf8.Trim(" \t\r\n"u8).IsEmpty)
            throw Error(Codes.EmptyDocument, "the input is empty", new SourceLocation(source, 1, 1), "$",
                "send a JSON object, e.g. {\"id\": \"INC-1\", \"timeline\": {\"awareAt\": \"2026-11-20T16:30:00Z\"}}");
        var state = new State(source, limits, utf8.Length);
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions
        {
            MaxDepth = limits.MaxDepth + 2,
            CommentHandling = JsonCommentHandling.Disallow,
        });
        try
        {
            if (!reader.Read()) throw Error(Codes.EmptyDocument, "the input is empty", new SourceLocation(source, 1, 1), "$");
            var root = ReadValue(ref reader, utf8, state, "", 0);
            if (reader.Read())
                throw Error(Codes.MultipleDocuments, "the input holds more than one JSON value", state.At(utf8, reader.TokenStartIndex), "$",
                    "send one JSON object");
            return root;
        }
        catch (JsonException e)
        {
            var message = e.Message;
            var cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
            if (cut >= 0) message = message[..cut];
            message = message.Trim().TrimEnd('.');
            if (message.Length > 0) message = char.ToLowerInvariant(message[0]) + message[1..];
            var at = new SourceLocation(source, (int)(e.LineNumber ?? 0) + 1, (int)(e.BytePositionInLine ?? 0) + 1);
            throw Error(Codes.Syntax, $"malformed JSON: {message}", at, JsonPathOf(state.WherePath),
                "fix the JSON at this place (a missing comma, quote or bracket)");
        }
    }

    private sealed class State(string source, ReaderLimits limits, int length)
    {
        public readonly string Source = source;
        public readonly ReaderLimits Limits = limits;
        public int Nodes;
        public string WherePath = "";

        // Line and column are found by scanning forward from the last token, so the whole read stays linear.
        private long _scanned;
        private int _line = 1;
        private int _column = 1;

        public SourceLocation At(ReadOnlySpan<byte> utf8, long offset)
        {
            offset = Math.Clamp(offset, 0, length);
            if (offset < _scanned) { _scanned = 0; _line = 1; _column = 1; }
            for (var i = (int)_scanned; i < offset; i++)
            {
                var b = utf8[i];
                if (b == (byte)'\n') { _line++; _column = 1; }
                // Columns count characters, not bytes: continuation bytes of UTF-8 do not start one.
                else if ((b & 0xC0) != 0x80) _column++;
            }
            _scanned = offset;
            return new SourceLocation(Source, _line, _column);
        }
    }

    private static Node ReadValue(ref Utf8JsonReader reader, ReadOnlySpan<byte> utf8, State state, string path, int depth)
    {
        var at = state.At(utf8, reader.TokenStartIndex);
        state.WherePath = path;
        if (depth > state.Limits.MaxDepth)
            throw Error(Codes.TooDeep, $"nesting deeper than {state.Limits.MaxDepth} levels", at, JsonPathOf(state.WherePath), "flatten the structure");
        if (++state.Nodes > state.Limits.MaxNodes)
            throw Error(Codes.FileTooLarge, $"more than {state.Limits.MaxNodes} values in one document", at, JsonPathOf(state.WherePath));
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject:
            {
                var entries = new List<KeyValuePair<ScalarNode, Node>>();
                HashSet<string>? seen = null;
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    var keyAt = state.At(utf8, reader.TokenStartIndex);
                    var key = Text(ref reader, keyAt, path.Length == 0 ? "$" : JsonPathOf(path));
                    var childPath = path.Length == 0 ? key : $"{path}.{key}";
                    var keyNode = new ScalarNode(keyAt, path, key, ScalarKind.String) { ContentColumnOffset = 1 };
                    seen ??= new HashSet<string>(StringComparer.Ordinal);
                    if (!seen.Add(key))
                        throw Error(Codes.DuplicateKey, $"key `{key}` appears twice in this object", keyAt, JsonPathOf(childPath), "remove one of them");
                    // A value that breaks before it starts is reported at its key's path.
                    state.WherePath = childPath;
                    reader.Read();
                    entries.Add(new(keyNode, ReadValue(ref reader, utf8, state, childPath, depth + 1)));
                }
                return new MapNode(at, path, entries);
            }
            case JsonTokenType.StartArray:
            {
                var items = new List<Node>();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                    items.Add(ReadValue(ref reader, utf8, state, $"{path}[{items.Count}]", depth + 1));
                return new SeqNode(at, path, items);
            }
            case JsonTokenType.String:
                return new ScalarNode(at, path, Text(ref reader, at, JsonPathOf(path)), ScalarKind.String) { ContentColumnOffset = 1 };
            case JsonTokenType.Number:
            {
                var raw = Encoding.ASCII.GetString(reader.ValueSpan);
                var isFloat = raw.AsSpan().IndexOfAny('.', 'e', 'E') >= 0;
                return new ScalarNode(at, path, raw, isFloat ? ScalarKind.Float : ScalarKind.Integer);
            }
            case JsonTokenType.True:
                return new ScalarNode(at, path, "true", ScalarKind.Bool);
            case JsonTokenType.False:
                return new ScalarNode(at, path, "false", ScalarKind.Bool);
            case JsonTokenType.Null:
                return new ScalarNode(at, path, "null", ScalarKind.Null);
            default:
                throw Error(Codes.Syntax, "malformed JSON: unexpected token", at, JsonPathOf(state.WherePath), "send one JSON object");
        }
    }

    // The reader checks UTF-8 and surrogate escapes only when a string is decoded; both become located errors here.
    private static string Text(ref Utf8JsonReader reader, SourceLocation at, string where)
    {
        try { return reader.GetString() ?? ""; }
        catch (InvalidOperationException)
        {
            throw Error(Codes.Syntax, "a string holds invalid UTF-8 or an escaped lone surrogate (such as `\\ud800`)", at, where,
                "send UTF-8 text; a surrogate escape must be a high one followed by a low one (`\\ud83d\\ude00`)");
        }
    }

    /// <summary>The JSON path of a node path: <c>data.subjects</c> → <c>$.data.subjects</c>, the root → <c>$</c>.</summary>
    public static string JsonPathOf(string nodePath) =>
        nodePath.Length == 0 ? "$" : nodePath.StartsWith('[') ? "$" + nodePath : "$." + nodePath;

    private static VerdictException Error(string code, string message, SourceLocation at, string jsonPath, string? help = null) =>
        new([Diagnostic.Error(code, message, at, help) with { JsonPath = jsonPath }]);
}
