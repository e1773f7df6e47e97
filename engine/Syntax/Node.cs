using Verdict.Diagnostics;

namespace Verdict.Syntax;

/// <summary>
/// A parsed YAML or JSON value that remembers where it came from, so every later stage can point at the user's line.
/// </summary>
public abstract class Node(SourceLocation location, string path)
{
    /// <summary>Where the value starts in its file.</summary>
    public SourceLocation Location { get; } = location;

    /// <summary>Path from the document root: <c>rows[3].when.records</c>; empty for the root.</summary>
    public string Path { get; } = path;

    /// <summary>A short word for the kind of value, used in messages.</summary>
    public abstract string KindWord { get; }
}

/// <summary>A mapping with its keys in document order.</summary>
public sealed class MapNode(SourceLocation location, string path, IReadOnlyList<KeyValuePair<ScalarNode, Node>> entries)
    : Node(location, path)
{
    /// <summary>The entries in document order.</summary>
    public IReadOnlyList<KeyValuePair<ScalarNode, Node>> Entries { get; } = entries;

    /// <inheritdoc />
    public override string KindWord => "a mapping";

    /// <summary>The value under <paramref name="key"/>, or null.</summary>
    public Node? Get(string key)
    {
        foreach (var e in Entries)
            if (e.Key.Value == key) return e.Value;
        return null;
    }

    /// <summary>The value under <paramref name="key"/> unless it is absent or an explicit null.</summary>
    public Node? GetValue(string key) => Get(key) is { } n && !(n is ScalarNode { IsNull: true }) ? n : null;

    /// <summary>The string under <paramref name="key"/>, or null.</summary>
    public string? GetString(string key) => GetValue(key) is ScalarNode s ? s.Value : null;
}

/// <summary>A sequence.</summary>
public sealed class SeqNode(SourceLocation location, string path, IReadOnlyList<Node> items) : Node(location, path)
{
    /// <summary>The items in order.</summary>
    public IReadOnlyList<Node> Items { get; } = items;

    /// <inheritdoc />
    public override string KindWord => "a list";
}

/// <summary>What a scalar turned out to be under the YAML 1.2 core schema (JSON is a subset).</summary>
public enum ScalarKind { Null, Bool, Integer, Float, String }

/// <summary>A scalar: its text as written and the type it resolves to.</summary>
public sealed class ScalarNode(SourceLocation location, string path, string value, ScalarKind kind) : Node(location, path)
{
    /// <summary>The text of the scalar, without quotes.</summary>
    public string Value { get; } = value;

    /// <summary>The resolved type.</summary>
    public ScalarKind Kind { get; } = kind;

    /// <summary>True for <c>null</c>, <c>~</c> and empty plain scalars.</summary>
    public bool IsNull => Kind == ScalarKind.Null;

    /// <inheritdoc />
    public override string KindWord => Kind switch
    {
        ScalarKind.Null => "null",
        ScalarKind.Bool => "a boolean",
        ScalarKind.Integer => "an integer",
        ScalarKind.Float => "a number",
        _ => "a string",
    };

    /// <summary>Column offset of the scalar's first character of content (after an opening quote).</summary>
    public int ContentColumnOffset { get; init; }
}
