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
        var state = new State(displayName, limits, text);
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
            // YamlDotNet may place a tab error lines before the tab (at the mapping it was scanning): find the tab itself
            var tabLine = e.Message.Contains("tab", StringComparison.OrdinalIgnoreCase) ? int.MaxValue : (int)Math.Max(1, e.Start.Line) + 1;
            if (TabBefore(displayName, text, tabLine) is { } tab)
                throw VerdictException.Single(Codes.Syntax, "a tab indents this line; YAML allows only spaces for indentation", tab,
                    "use spaces for indentation (set your editor to insert spaces for tabs)");
            throw VerdictException.Single(Codes.Syntax, $"invalid YAML/JSON: {Clean(e.Message)}",
                new SourceLocation(displayName, (int)Math.Max(1, e.Start.Line), (int)Math.Max(1, e.Start.Column)),
                "fix the syntax at this place (indentation, a missing `:`, an unclosed quote or bracket)");
        }
    }

    private sealed class State(string file, ReaderLimits limits, string text)
    {
        public string File { get; } = file;
        public ReaderLimits Limits { get; } = limits;
        public string Text { get; } = text;
        public int Nodes;
    }

    /// <summary>
    /// A block scalar (<c>when: |</c>) starts on the line after its indicator, at its indentation: the place of its
    /// first character, so a place inside the text maps to the file line by line (see ExpressionPlace).
    /// </summary>
    private static SourceLocation BlockStart(State state, Mark indicator)
    {
        var line = (int)Math.Max(1, indicator.Line);
        var text = state.Text;
        var pos = 0;
        for (var l = 1; l <= line && pos >= 0; l++) pos = text.IndexOf('\n', pos) is var nl && nl < 0 ? -1 : nl + 1;
        if (pos < 0) return At(state.File, indicator);
        // the indentation is that of the first line with content
        for (var p = pos; p < text.Length;)
        {
            var end = text.IndexOf('\n', p);
            if (end < 0) end = text.Length;
            var indent = 0;
            while (p + indent < end && text[p + indent] == ' ') indent++;
            if (p + indent < end && text[p + indent] != '\r') return new SourceLocation(state.File, line + 1, indent + 1);
            p = end + 1;
        }
        return new SourceLocation(state.File, line + 1, 1);
    }

    /// <summary>The first line indented with a tab at or before <paramref name="line"/> (YAML forbids tabs there).</summary>
    private static SourceLocation? TabBefore(string file, string text, int line)
    {
        var n = 1;
        for (var p = 0; p < text.Length && n <= line; n++)
        {
            var end = text.IndexOf('\n', p);
            if (end < 0) end = text.Length;
            var i = p;
            while (i < end && text[i] is ' ' or '\t')
            {
                if (text[i] == '\t') return new SourceLocation(file, n, i - p + 1);
                i++;
            }
            p = end + 1;
        }
        return null;
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
            if (kind is ScalarKind.Integer or ScalarKind.Float) CheckRange(scalar.Value, kind, At(state.File, scalar.Start));
            var offset = scalar.Style is ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted ? 1 : 0;
            var at = scalar.Style is ScalarStyle.Literal or ScalarStyle.Folded ? BlockStart(state, scalar.Start) : At(state.File, scalar.Start);
            return new ScalarNode(at, path, scalar.Value, kind) { ContentColumnOffset = offset };
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

    /// <summary>A number no reader can hold (<c>1e400</c>, a 30-digit integer) is an error here, not an overflow later.</summary>
    private static void CheckRange(string value, ScalarKind kind, SourceLocation at)
    {
        var ok = kind == ScalarKind.Integer
            ? long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _)
            : double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d);
        if (!ok)
            throw VerdictException.Single(Codes.NumberOutOfRange, $"number `{(value.Length > 40 ? value[..37] + "..." : value)}` is out of range", at,
                kind == ScalarKind.Integer ? "whole numbers must lie between -9223372036854775808 and 9223372036854775807"
                    : "numbers must lie between -1.7e308 and 1.7e308");
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
