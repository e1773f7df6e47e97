using System.Globalization;
using System.Text.RegularExpressions;
using Verdict.Diagnostics;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Verdict.Syntax;

/// <summary>Limits that keep a hostile file from exhausting memory or stack.</summary>
public sealed record ReaderLimits(long MaxBytes = 10 * 1024 * 1024, int MaxDepth = 64, int MaxNodes = 1_000_000)
{
    /// <summary>The defaults: 10 MB, 64 levels, a million nodes.</summary>
    public static ReaderLimits Default { get; } = new();
}

/// <summary>
/// Reads YAML (and JSON, which is YAML) into <see cref="Node"/>s with positions. Aliases are refused outright:
/// policies and facts never need them, and refusing them closes the "billion laughs" class of alias bombs.
/// </summary>
public static partial class NodeReader
{
    /// <summary>Reads a file; every problem becomes a <see cref="VerdictException"/> naming the place.</summary>
    public static Node ReadFile(string path, string displayName, ReaderLimits? limits = null)
    {
        limits ??= ReaderLimits.Default;
        FileInfo info;
        try
        {
            info = new FileInfo(path);
            if (!info.Exists)
                throw VerdictException.Single(Codes.FileUnreadable, $"file `{displayName}` does not exist", null, "check the path");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            throw VerdictException.Single(Codes.FileUnreadable, $"cannot read `{displayName}`: {e.Message}");
        }
        if (info.Length > limits.MaxBytes)
            throw VerdictException.Single(Codes.FileTooLarge,
                $"file is {info.Length} bytes, over the limit of {limits.MaxBytes} bytes", new SourceLocation(displayName, 1, 1),
                "split the input or raise the limit");
        string text;
        try { text = File.ReadAllText(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw VerdictException.Single(Codes.FileUnreadable, $"cannot read `{displayName}`: {e.Message}");
        }
        return Read(text, displayName, limits);
    }

    /// <summary>Reads text that came from <paramref name="displayName"/>.</summary>
    public static Node Read(string text, string displayName, ReaderLimits? limits = null)
    {
        limits ??= ReaderLimits.Default;
        if (text.Length > limits.MaxBytes)
            throw VerdictException.Single(Codes.FileTooLarge, $"input is {text.Length} characters, over the limit of {limits.MaxBytes}",
                new SourceLocation(displayName, 1, 1), "split the input or raise the limit");
        if (string.IsNullOrWhiteSpace(text))
            throw VerdictException.Single(Codes.EmptyDocument, "the file is empty", new SourceLocation(displayName, 1, 1),
                "write a mapping, e.g. `id: INC-1`");
        var state = new State(displayName, limits);
        try
        {
            var parser = new Parser(new StringReader(text));
            parser.Consume<StreamStart>();
            if (parser.Accept<StreamEnd>(out _))
                throw VerdictException.Single(Codes.EmptyDocument, "the file is empty", new SourceLocation(displayName, 1, 1));
            parser.Consume<DocumentStart>();
            var root = ReadNode(parser, state, "", 0);
            parser.Consume<DocumentEnd>();
            if (!parser.Accept<StreamEnd>(out _))
            {
                var at = parser.Current?.Start;
                throw VerdictException.Single(Codes.MultipleDocuments, "the file holds more than one document",
                    At(displayName, at), "keep one document per file (remove the extra `---`)");
            }
            if (root is ScalarNode { IsNull: true })
                throw VerdictException.Single(Codes.EmptyDocument, "the file holds no value", root.Location);
            return root;
        }
        catch (InvalidOperationException e)
        {
            // YamlDotNet reports some truncated documents (an unclosed flow collection at end of file) this way.
            throw VerdictException.Single(Codes.Syntax, $"invalid YAML/JSON: {Clean(e.Message)}", new SourceLocation(displayName, Math.Max(1, text.Split('\n').Length), 1),
                "the document ends early: close every `[`, `{` and quote");
        }
        catch (YamlException e)
        {
            throw VerdictException.Single(Codes.Syntax, $"invalid YAML/JSON: {Clean(e.Message)}",
                new SourceLocation(displayName, (int)Math.Max(1, e.Start.Line), (int)Math.Max(1, e.Start.Column)),
                "fix the syntax at this place (indentation, a missing `:`, an unclosed quote or bracket)");
        }
    }

    private sealed class State(string file, ReaderLimits limits)
    {
        public string File { get; } = file;
        public ReaderLimits Limits { get; } = limits;
        public int Nodes;
    }

    private static Node ReadNode(IParser parser, State state, string path, int depth)
    {
        if (depth > state.Limits.MaxDepth)
            throw VerdictException.Single(Codes.TooDeep, $"nesting deeper than {state.Limits.MaxDepth} levels",
                At(state.File, parser.Current?.Start), "flatten the structure");
        if (++state.Nodes > state.Limits.MaxNodes)
            throw VerdictException.Single(Codes.FileTooLarge, $"more than {state.Limits.MaxNodes} values in one file",
                At(state.File, parser.Current?.Start));

        if (parser.Accept<AnchorAlias>(out var alias))
            throw VerdictException.Single(Codes.AliasNotAllowed, $"YAML alias `*{alias.Value}` is not allowed",
                At(state.File, alias.Start), "write the value out in full; aliases are refused to rule out alias bombs");

        if (parser.TryConsume<Scalar>(out var scalar))
        {
            var kind = scalar.IsQuotedImplicit || scalar.Style is ScalarStyle.Literal or ScalarStyle.Folded
                ? ScalarKind.String
                : Resolve(scalar.Value);
            var offset = scalar.Style is ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted ? 1 : 0;
            return new ScalarNode(At(state.File, scalar.Start), path, scalar.Value, kind) { ContentColumnOffset = offset };
        }
        if (parser.TryConsume<SequenceStart>(out var seqStart))
        {
            var items = new List<Node>();
            while (!parser.TryConsume<SequenceEnd>(out _))
                items.Add(ReadNode(parser, state, $"{path}[{items.Count}]", depth + 1));
            return new SeqNode(At(state.File, seqStart.Start), path, items);
        }
        if (parser.TryConsume<MappingStart>(out var mapStart))
        {
            var entries = new List<KeyValuePair<ScalarNode, Node>>();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            while (!parser.TryConsume<MappingEnd>(out _))
            {
                if (parser.Accept<AnchorAlias>(out var keyAlias))
                    throw VerdictException.Single(Codes.AliasNotAllowed, $"YAML alias `*{keyAlias.Value}` is not allowed",
                        At(state.File, keyAlias.Start));
                if (!parser.TryConsume<Scalar>(out var key))
                    throw VerdictException.Single(Codes.Syntax, "a mapping key must be a plain value",
                        At(state.File, parser.Current?.Start), "use a string key");
                var keyNode = new ScalarNode(At(state.File, key.Start), path, key.Value, ScalarKind.String);
                if (!seen.Add(key.Value))
                    throw VerdictException.Single(Codes.DuplicateKey, $"key `{key.Value}` appears twice in this mapping",
                        keyNode.Location, "remove one of them");
                var childPath = path.Length == 0 ? key.Value : $"{path}.{key.Value}";
                entries.Add(new(keyNode, ReadNode(parser, state, childPath, depth + 1)));
            }
            return new MapNode(At(state.File, mapStart.Start), path, entries);
        }
        throw VerdictException.Single(Codes.Syntax, "unexpected YAML construct", At(state.File, parser.Current?.Start));
    }

    private static ScalarKind Resolve(string v)
    {
        if (v.Length == 0 || v is "~" or "null" or "Null" or "NULL") return ScalarKind.Null;
        if (v is "true" or "True" or "TRUE" or "false" or "False" or "FALSE") return ScalarKind.Bool;
        if (IntPattern().IsMatch(v)) return ScalarKind.Integer;
        if (FloatPattern().IsMatch(v)) return ScalarKind.Float;
        return ScalarKind.String;
    }

    /// <summary>The boolean value of a resolved bool scalar.</summary>
    public static bool AsBool(ScalarNode s) => s.Value is "true" or "True" or "TRUE";

    /// <summary>The numeric value of a resolved integer or float scalar.</summary>
    public static double AsDouble(ScalarNode s) => double.Parse(s.Value, NumberStyles.Float, CultureInfo.InvariantCulture);

    private static SourceLocation At(string file, Mark? mark) =>
        new(file, mark is null ? 1 : (int)Math.Max(1, mark.Value.Line), mark is null ? 1 : (int)Math.Max(1, mark.Value.Column));

    private static string Clean(string message)
    {
        // YamlDotNet prefixes "(Line: 3, Col: 5, Idx: 20) - (Line: ...): "; the place is reported separately.
        var i = message.LastIndexOf("): ", StringComparison.Ordinal);
        var text = i >= 0 ? message[(i + 3)..] : message;
        text = text.Trim().TrimEnd('.');
        return text.Length > 0 ? char.ToLowerInvariant(text[0]) + text[1..] : text;
    }

    [GeneratedRegex(@"^[-+]?[0-9]+$")]
    private static partial Regex IntPattern();

    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")]
    private static partial Regex FloatPattern();
}
