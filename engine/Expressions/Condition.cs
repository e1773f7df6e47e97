using Verdict.Diagnostics;
using Verdict.Facts;

namespace Verdict.Expressions;

/// <summary>
/// A compiled condition. Its boolean skeleton (and, or, not) is kept so that an unknown part only matters when it can
/// change the result: <c>false &amp;&amp; unknown</c> is false, <c>true || unknown</c> is true.
/// </summary>
public abstract class Condition
{
    /// <summary>Where the condition was written.</summary>
    public required SourceLocation Location { get; init; }

    /// <summary>The text as written.</summary>
    public required string Text { get; init; }

    /// <summary>Evaluates over a scope.</summary>
    public abstract Tri Evaluate(FactScope scope);

    /// <summary>Adds the missing facts that made the condition unknown (call only after an Unknown result).</summary>
    public abstract void CollectMissing(FactScope scope, ISet<string> into);

    /// <summary>Every fact path the condition reads.</summary>
    public abstract IEnumerable<string> Paths { get; }

    /// <summary>A condition that is always true (an absent <c>when:</c>).</summary>
    public static Condition Always(SourceLocation at) => new ConstantCondition { Location = at, Text = "true" };

    // Factories for language plug-ins outside the engine (js, csharp): they keep the same three-valued skeleton.

    /// <summary>A leaf over a compiled predicate; unknown when any fact in <paramref name="paths"/> is missing.</summary>
    public static Condition FromPredicate(Func<FactScope, bool> predicate, IEnumerable<string> paths, SourceLocation at, string text)
    {
        var sorted = PathSet(paths);
        return new AtomCondition(predicate, sorted, sorted.Select(FactPaths.Bit).ToArray()) { Location = at, Text = text };
    }

    /// <summary>Kleene conjunction: false when any part is false, else unknown when any part is unknown.</summary>
    public static Condition All(IReadOnlyList<Condition> parts, SourceLocation at, string text) => new AndCondition(parts.ToArray()) { Location = at, Text = text };

    /// <summary>Kleene disjunction: true when any part is true, else unknown when any part is unknown.</summary>
    public static Condition Any(IReadOnlyList<Condition> parts, SourceLocation at, string text) => new OrCondition(parts.ToArray()) { Location = at, Text = text };

    /// <summary>Kleene negation: unknown stays unknown.</summary>
    public static Condition Negate(Condition inner, SourceLocation at, string text) => new NotCondition(inner) { Location = at, Text = text };

    /// <summary>Sorted, distinct fact paths; throws <see cref="ArgumentException"/> for a path that names no fact.</summary>
    internal static string[] PathSet(IEnumerable<string> paths) =>
        paths.Distinct().OrderBy(p => p, StringComparer.Ordinal)
            .Select(p => FactPaths.Exists(p) ? p : throw new ArgumentException($"unknown fact path {p}", nameof(paths))).ToArray();
}

internal sealed class ConstantCondition : Condition
{
    public override Tri Evaluate(FactScope scope) => Tri.True;
    public override void CollectMissing(FactScope scope, ISet<string> into) { }
    public override IEnumerable<string> Paths => [];
}

/// <summary>A leaf: a compiled predicate that needs certain facts to be present.</summary>
public sealed class AtomCondition : Condition
{
    private readonly Func<FactScope, bool> _predicate;
    private readonly UInt128[] _masks;
    private readonly string[] _paths;

    internal AtomCondition(Func<FactScope, bool> predicate, string[] paths, UInt128[] masks)
    {
        _predicate = predicate;
        _paths = paths;
        _masks = masks;
    }

    /// <inheritdoc />
    public override Tri Evaluate(FactScope scope)
    {
        var presence = scope.Presence;
        foreach (var m in _masks)
            if ((presence & m) == UInt128.Zero) return Tri.Unknown;
        return _predicate(scope) ? Tri.True : Tri.False;
    }

    /// <inheritdoc />
    public override void CollectMissing(FactScope scope, ISet<string> into)
    {
        for (var i = 0; i < _masks.Length; i++)
            if ((scope.Presence & _masks[i]) == UInt128.Zero) into.Add(_paths[i]);
    }

    /// <inheritdoc />
    public override IEnumerable<string> Paths => _paths;
}

internal sealed class AndCondition(Condition[] parts) : Condition
{
    public override Tri Evaluate(FactScope scope)
    {
        var result = Tri.True;
        foreach (var p in parts)
        {
            var v = p.Evaluate(scope);
            if (v == Tri.False) return Tri.False;
            if (v == Tri.Unknown) result = Tri.Unknown;
        }
        return result;
    }

    public override void CollectMissing(FactScope scope, ISet<string> into)
    {
        foreach (var p in parts)
            if (p.Evaluate(scope) == Tri.Unknown) p.CollectMissing(scope, into);
    }

    public override IEnumerable<string> Paths => parts.SelectMany(p => p.Paths);
}

internal sealed class OrCondition(Condition[] parts) : Condition
{
    public override Tri Evaluate(FactScope scope)
    {
        var result = Tri.False;
        foreach (var p in parts)
        {
            var v = p.Evaluate(scope);
            if (v == Tri.True) return Tri.True;
            if (v == Tri.Unknown) result = Tri.Unknown;
        }
        return result;
    }

    public override void CollectMissing(FactScope scope, ISet<string> into)
    {
        foreach (var p in parts)
            if (p.Evaluate(scope) == Tri.Unknown) p.CollectMissing(scope, into);
    }

    public override IEnumerable<string> Paths => parts.SelectMany(p => p.Paths);
}

internal sealed class NotCondition(Condition inner) : Condition
{
    public override Tri Evaluate(FactScope scope) => inner.Evaluate(scope) switch
    {
        Tri.True => Tri.False,
        Tri.False => Tri.True,
        _ => Tri.Unknown,
    };

    public override void CollectMissing(FactScope scope, ISet<string> into) => inner.CollectMissing(scope, into);

    public override IEnumerable<string> Paths => inner.Paths;
}

/// <summary>A compiled value expression (a table input, a content item).</summary>
public sealed class ValueExpression
{
    internal ValueExpression(Func<FactScope, object?> read, Type type, string[] paths, UInt128[] masks, SourceLocation at, string text)
    {
        Read = read;
        Type = type;
        Paths = paths;
        Masks = masks;
        Location = at;
        Text = text;
    }

    /// <summary>A value expression from a language plug-in; <paramref name="typed"/> is a <c>Func&lt;FactScope, T&gt;</c> for
    /// T in double, string, bool or <c>IReadOnlyList&lt;string&gt;</c> when the language knows the type.</summary>
    public static ValueExpression Create(Func<FactScope, object?> read, Type type, IEnumerable<string> paths, SourceLocation at, string text, Delegate? typed = null)
    {
        var sorted = Condition.PathSet(paths);
        return new ValueExpression(read, type, sorted, sorted.Select(FactPaths.Bit).ToArray(), at, text) { Typed = typed };
    }

    /// <summary>Reads the value (boxed; for cold paths such as report content).</summary>
    public Func<FactScope, object?> Read { get; }

    /// <summary>The value's type.</summary>
    public Type Type { get; }

    /// <summary>The fact paths it reads.</summary>
    public string[] Paths { get; }

    internal UInt128[] Masks { get; }

    /// <summary>Where it was written.</summary>
    public SourceLocation Location { get; }

    /// <summary>The text as written.</summary>
    public string Text { get; }

    /// <summary>Typed reader, set when the language could compile one.</summary>
    public Delegate? Typed { get; init; }

    /// <summary>True when every fact the value reads is present.</summary>
    public bool IsKnown(FactScope scope)
    {
        foreach (var m in Masks)
            if ((scope.Presence & m) == UInt128.Zero) return false;
        return true;
    }

    /// <summary>The paths that are missing.</summary>
    public IEnumerable<string> Missing(FactScope scope)
    {
        for (var i = 0; i < Masks.Length; i++)
            if ((scope.Presence & Masks[i]) == UInt128.Zero) yield return Paths[i];
    }
}

/// <summary>A language conditions may be written in. <c>lambda</c> is the default; <c>js</c> and <c>csharp</c> plug in here.</summary>
public interface IConditionLanguage
{
    /// <summary>The name used in <c>language:</c>.</summary>
    string Name { get; }

    /// <summary>Compiles a boolean condition; throws <see cref="VerdictException"/> with the place and reason.</summary>
    Condition CompileCondition(string text, SourceLocation at, int contentOffset);

    /// <summary>Compiles a value expression.</summary>
    ValueExpression CompileValue(string text, SourceLocation at, int contentOffset);
}
