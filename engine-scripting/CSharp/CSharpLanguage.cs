using System.Collections.Concurrent;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Verdict.Diagnostics;
using Diagnostic = Verdict.Diagnostics.Diagnostic;
using DiagnosticSeverity = Microsoft.CodeAnalysis.DiagnosticSeverity;
using Verdict.Expressions;
using Verdict.Scripting.CSharp;

namespace Verdict.Scripting;

/// <summary>
/// The <c>csharp</c> condition language (Roslyn). Each expression is parsed, passed through <see cref="SyntaxGuard"/>,
/// bound against the facts and passed through <see cref="SemanticGuard"/> when the bundle compiles; then all of a
/// bundle's expressions are compiled together into one assembly of delegates (<see cref="Build"/>), cached by the digest
/// of their source so that reloading an unchanged bundle compiles nothing. Decisions call the delegates directly.
/// Members are those of the expression root, in C# spelling: <c>Data.Records &gt;= 1000 &amp;&amp; Severity.AtLeast("high")</c>.
/// </summary>
public sealed partial class CSharpLanguage : IConditionLanguage
{
    private enum Kind { Bool, Number, Text, List, Other }

    private sealed record Checked(Kind Kind, string Expression, string[] Paths, string TypeName, CSharpLiteral[] Literals);

    private sealed class Slot(Checked c, string text, SourceLocation at)
    {
        public readonly Checked Checked = c;
        public readonly string Text = text;
        public readonly SourceLocation Location = at;
        public Delegate? Compiled;
    }

    // checks are pure functions of the text and kind, so they are shared across bundles and reloads
    private static readonly ConcurrentDictionary<(string, bool), Checked> CheckCache = new();

    private readonly Func<string, IReadOnlyList<PolicyFunction>> _functionsOf;
    private readonly List<Slot> _slots = [];
    private readonly Lock _gate = new();
    private int _built;

    /// <summary>Creates the language for one bundle.</summary>
    /// <param name="functionsOf">The <c>functions:</c> of the policy in a file: csharp refuses them (write the expression inline).</param>
    /// <param name="literals">The bundle's literal checks (regimes, jurisdiction groups); the built-in vocabularies when null.</param>
    public CSharpLanguage(Func<string, IReadOnlyList<PolicyFunction>>? functionsOf = null, LiteralRules? literals = null)
    {
        _functionsOf = functionsOf ?? PolicyFunctions.None;
        _literals = literals ?? LiteralRules.Default;
    }

    private readonly LiteralRules _literals;

    /// <summary>The literals of a checked expression against this bundle's vocabularies.</summary>
    private Checked Literals(Checked c, string text, SourceLocation at, int offset, int textStart)
    {
        foreach (var l in c.Literals)
        {
            var place = SourceMap.At(at, offset, text, textStart + l.Index);
            var d = l.Helper is { } h ? _literals.Helper(h, l.Value, place) : LiteralRules.Compare(l.Path!, (string)l.Value, place);
            if (d is not null) throw new VerdictException([d]);
        }
        return c;
    }

    /// <inheritdoc />
    public string Name => "csharp";

    /// <summary>How many times a bundle's csharp expressions were compiled to code in this process (the cache works when this stays put).</summary>
    public static int CompileCount => CSharpCompiler.EmitCount;

    /// <summary>Forgets every check and compile (benchmarks of a cold compile).</summary>
    internal static void ResetCaches()
    {
        CheckCache.Clear();
        CSharpCompiler.ResetCache();
    }

    /// <inheritdoc />
    public Condition CompileCondition(string text, SourceLocation at, int contentOffset)
    {
        NoFunctions(at);
        var expr = ParseExpression(text, at, contentOffset);
        SyntaxGuard.Check(expr, text, at, contentOffset);
        return Split(expr, text, at, contentOffset);
    }

    /// <inheritdoc />
    public ValueExpression CompileValue(string text, SourceLocation at, int contentOffset)
    {
        NoFunctions(at);
        var expr = ParseExpression(text, at, contentOffset);
        SyntaxGuard.Check(expr, text, at, contentOffset);
        var slot = Register(Literals(Check(expr.ToString(), text, at, contentOffset, wantBool: false), text, at, contentOffset, 0), text, at);
        Func<FactScope, object?> read = s => Call(slot, s);
        return slot.Checked.Kind switch
        {
            Kind.Number => ValueExpression.Create(read, typeof(double), slot.Checked.Paths, at, text, (Func<FactScope, double>)(s => Typed<double>(slot, s))),
            Kind.Text => ValueExpression.Create(read, typeof(string), slot.Checked.Paths, at, text, (Func<FactScope, string>)(s => Typed<string>(slot, s))),
            Kind.Bool => ValueExpression.Create(read, typeof(bool), slot.Checked.Paths, at, text, (Func<FactScope, bool>)(s => Typed<bool>(slot, s))),
            Kind.List => ValueExpression.Create(read, typeof(IReadOnlyList<string>), slot.Checked.Paths, at, text, (Func<FactScope, IReadOnlyList<string>>)(s => Typed<IReadOnlyList<string>>(slot, s))),
            _ => ValueExpression.Create(read, typeof(object), slot.Checked.Paths, at, text),
        };
    }

    /// <summary>
    /// Compiles every expression registered so far into code, once. <see cref="ScriptLanguages"/> calls it right after a
    /// bundle compiles, so that no decision ever waits for the compiler; a language used on its own builds on first use.
    /// </summary>
    public void Build()
    {
        lock (_gate)
        {
            var pending = _slots.Skip(_built).ToList();
            if (pending.Count == 0) return;
            var source = new StringBuilder(CSharpCompiler.Prelude);
            for (var i = 0; i < pending.Count; i++)
                source.Append("public ").Append(pending[i].Checked.TypeName).Append(" E").Append(i).Append("() =>\n")
                    .Append(Body(pending[i].Checked)).Append("\n;\n");
            source.Append("}\npublic static class __Entry {\npublic static System.Delegate[] All() => new System.Delegate[] {\n");
            for (var i = 0; i < pending.Count; i++)
                source.Append("new System.Func<Verdict.Expressions.FactScope, ").Append(pending[i].Checked.TypeName)
                    .Append(">(s => new __P(s).E").Append(i).Append("()),\n");
            source.Append("};\n}\n}\n");
            var delegates = CSharpCompiler.Emit(source.ToString());
            for (var i = 0; i < pending.Count; i++) pending[i].Compiled = delegates[i];
            _built = _slots.Count;
        }
    }

    private static string Body(Checked c) => c.Kind switch
    {
        Kind.Number => $"(double)({c.Expression})",
        Kind.List => $"global::System.Linq.Enumerable.ToArray({c.Expression})",
        _ => c.Expression,
    };

    private void NoFunctions(SourceLocation at)
    {
        if (_functionsOf(at.File) is [var first, ..])
            throw VerdictException.Single(Codes.ExpressionSyntax, $"function `{first.Name}`: `functions:` is for js policies", first.Location,
                "in a csharp policy write the expression inline, or switch the policy to `language: js`");
    }

    private static ExpressionSyntax ParseExpression(string text, SourceLocation at, int offset)
    {
        ExpressionLimits.Script.Check(text, at, offset);
        var expr = SyntaxFactory.ParseExpression(text, 0, CSharpCompiler.Parse, consumeFullText: true);
        var error = expr.GetDiagnostics().FirstOrDefault(d => d.Severity == DiagnosticSeverity.Error);
        if (error is not null)
            throw VerdictException.Single(Codes.ExpressionSyntax, $"cannot read csharp `{text.Trim()}`: {Lower(error.GetMessage())}",
                SourceMap.At(at, offset, text, error.Location.SourceSpan.Start),
                "csharp conditions are C# expressions: `&&`, `||`, `!`, `==`, `>=`, strings in double quotes");
        return expr;
    }

    private Condition Split(ExpressionSyntax e, string text, SourceLocation at, int offset)
    {
        var place = SourceMap.At(at, offset, text, e.SpanStart);
        var part = e.ToString();
        switch (e)
        {
            case ParenthesizedExpressionSyntax p:
                return Split(p.Expression, text, at, offset);
            case BinaryExpressionSyntax b when b.IsKind(SyntaxKind.LogicalAndExpression):
                return Condition.All([Split(b.Left, text, at, offset), Split(b.Right, text, at, offset)], place, part);
            case BinaryExpressionSyntax b when b.IsKind(SyntaxKind.LogicalOrExpression):
                return Condition.Any([Split(b.Left, text, at, offset), Split(b.Right, text, at, offset)], place, part);
            case PrefixUnaryExpressionSyntax u when u.IsKind(SyntaxKind.LogicalNotExpression):
                return Condition.Negate(Split(u.Operand, text, at, offset), place, part);
            default:
            {
                var c = Literals(Check(part, text, at, offset, wantBool: true, e.SpanStart), text, at, offset, e.SpanStart);
                var slot = Register(c, part, place);
                return Condition.FromPredicate(s => Typed<bool>(slot, s), c.Paths, place, part);
            }
        }
    }

    private Slot Register(Checked c, string text, SourceLocation at)
    {
        var slot = new Slot(c, text, at);
        lock (_gate) _slots.Add(slot);
        return slot;
    }

    /// <summary>Binds one expression against the facts: type, errors, the allow-list and the facts it reads.</summary>
    private static Checked Check(string expression, string text, SourceLocation at, int offset, bool wantBool, int textStart = 0)
    {
        if (CheckCache.TryGetValue((expression, wantBool), out var hit)) return hit;
        var head = CSharpCompiler.Prelude + (wantBool ? "public bool __E() =>\n" : "public void __E() { _ =\n");
        var source = head + expression + (wantBool ? "\n;\n" : "\n; }\n") + CSharpCompiler.Close;
        var tree = CSharpSyntaxTree.ParseText(source, CSharpCompiler.Parse);
        var compilation = CSharpCompiler.With(tree);
        var model = compilation.GetSemanticModel(tree);
        var node = tree.GetRoot().FindNode(new Microsoft.CodeAnalysis.Text.TextSpan(head.Length, expression.Length), getInnermostNodeForTie: false);
        var expr = node as ExpressionSyntax ?? node.DescendantNodesAndSelf().OfType<ExpressionSyntax>().First();

        var error = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).OrderBy(d => d.Location.SourceSpan.Start).FirstOrDefault();
        if (error is not null)
            throw new VerdictException([Translate(error, expression, text, at, offset, textStart + error.Location.SourceSpan.Start - head.Length)]);
        SemanticGuard.Check(model, expr, head.Length - textStart, text, at, offset);

        var type = model.GetTypeInfo(expr).Type;
        var kind = wantBool ? Kind.Bool : KindOf(type);
        var typeName = kind switch
        {
            Kind.Bool => "bool",
            Kind.Number => "double",
            Kind.Text => "string",
            Kind.List => "global::System.Collections.Generic.IReadOnlyList<string>",
            _ => "object",
        };
        var result = new Checked(kind, expression, Paths(model, expr).ToArray(), typeName, CSharpLiterals.Find(model, expr, head.Length));
        // bounded like the emit cache: a server reloading changed bundles must not grow without end
        if (CheckCache.Count >= 20_000) CheckCache.Clear();
        CheckCache[(expression, wantBool)] = result;
        return result;
    }

    private static Kind KindOf(ITypeSymbol? t)
    {
        if (t is null) return Kind.Other;
        switch (t.SpecialType)
        {
            case SpecialType.System_Boolean: return Kind.Bool;
            case SpecialType.System_String: return Kind.Text;
            case SpecialType.System_Int32 or SpecialType.System_Int64 or SpecialType.System_Double or SpecialType.System_Decimal
                or SpecialType.System_Single or SpecialType.System_Int16 or SpecialType.System_Byte: return Kind.Number;
        }
        var enumerable = t.AllInterfaces.Concat(t is INamedTypeSymbol n ? [n] : []).FirstOrDefault(i => i.OriginalDefinition.SpecialType == SpecialType.System_Collections_Generic_IEnumerable_T);
        return enumerable is INamedTypeSymbol { TypeArguments: [{ SpecialType: SpecialType.System_String }] } ? Kind.List : Kind.Other;
    }

    /// <summary>Fact paths: member chains from the root (<c>Data.Subjects.Count</c> reads data.subjects) and helpers' needs.</summary>
    private static SortedSet<string> Paths(SemanticModel model, ExpressionSyntax expr)
    {
        var paths = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var id in expr.DescendantNodesAndSelf().OfType<IdentifierNameSyntax>())
        {
            var symbol = model.GetSymbolInfo(id).Symbol;
            if (symbol?.ContainingType?.Name != "__P") continue;
            var name = FactShape.Camel(symbol.Name);
            if (symbol is IMethodSymbol)
            {
                if (FactShape.Helpers.TryGetValue(name, out var needs)) paths.UnionWith(needs);
                continue;
            }
            var names = new List<string> { name };
            SyntaxNode cur = id;
            while (cur.Parent is MemberAccessExpressionSyntax ma && ma.Expression == cur && model.GetSymbolInfo(ma.Name).Symbol is IPropertySymbol p)
            {
                names.Add(FactShape.Camel(p.Name));
                cur = ma;
            }
            if (FactShape.LongestFact(names) is { } path) paths.Add(path);
        }
        return paths;
    }

    private static Diagnostic Translate(Microsoft.CodeAnalysis.Diagnostic d, string expression, string text, SourceLocation at, int offset, int index)
    {
        var place = SourceMap.At(at, offset, text, index);
        var message = d.GetMessage(System.Globalization.CultureInfo.InvariantCulture);
        switch (d.Id)
        {
            case "CS0103":
            {
                var name = NamePattern().Match(message).Groups[1].Value;
                var near = Suggest.Nearest(name, Roots);
                return Diagnostic.Error(Codes.UnknownFactPath, $"unknown name `{name}`", place,
                    near is not null ? $"did you mean `{near}`?" : $"a csharp condition starts from one of: {string.Join(", ", Roots)}");
            }
            case "CS1061" or "CS0117":
            {
                var m = MemberPattern().Match(message);
                var (type, member) = (m.Groups[1].Value, m.Groups[2].Value);
                var clr = typeof(FactScope).Assembly.GetTypes().FirstOrDefault(t => t.Name == type && t.IsPublic);
                var known = clr?.GetProperties().Select(p => p.Name).Concat(clr.GetMethods(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.DeclaredOnly).Where(x => !x.IsSpecialName).Select(x => x.Name)).ToList() ?? [];
                var near = Suggest.Nearest(member, known);
                return Diagnostic.Error(Codes.UnknownFactPath, $"unknown member `{member}`", place,
                    near is not null ? $"did you mean `{near}`?" : known.Count > 0 ? $"known names here: {string.Join(", ", known.Order(StringComparer.Ordinal))}" : SyntaxGuard.Help);
            }
            case "CS0029" or "CS0266" or "CS0019" when message.Contains("'bool'", StringComparison.Ordinal):
                return Diagnostic.Error(Codes.ExpressionType, $"`{expression.Trim()}` must be true or false", place,
                    "compare the value, e.g. `Data.Records >= 1000` or `Ai.Involved`");
            default:
                return Diagnostic.Error(Codes.ExpressionType, $"cannot compile csharp `{expression.Trim()}`: {Lower(message)}", place,
                    "csharp conditions are C# expressions over the facts, e.g. `Data.Records >= 1000 && Ai.Involved`");
        }
    }

    private static readonly string[] Roots = typeof(FactScope).GetProperties().Select(p => p.Name)
        .Concat(typeof(FactScope).GetMethods(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.DeclaredOnly).Where(m => !m.IsSpecialName).Select(m => m.Name))
        .Order(StringComparer.Ordinal).ToArray();

    private T Typed<T>(Slot slot, FactScope scope)
    {
        var f = (Func<FactScope, T>)(slot.Compiled ?? Ensure(slot));
        try { return f(scope); }
        catch (Exception e) when (e is not VerdictException) { throw Failed(slot, e); }
    }

    private object? Call(Slot slot, FactScope scope)
    {
        var f = slot.Compiled ?? Ensure(slot);
        try { return f.DynamicInvoke(scope); }
        catch (System.Reflection.TargetInvocationException e) { throw Failed(slot, e.InnerException ?? e); }
    }

    private Delegate Ensure(Slot slot)
    {
        Build();
        return slot.Compiled!;
    }

    private static VerdictException Failed(Slot slot, Exception e) =>
        VerdictException.Single(Codes.EvaluationFailed, $"csharp condition `{slot.Text.Trim()}` failed: {Lower(e.Message)}", slot.Location,
            "guard the expression against empty lists and absent values, e.g. `Ai.Systems.Count > 0 && …`");

    private static string Lower(string s) => s.Length > 0 ? char.ToLowerInvariant(s[0]) + s[1..].TrimEnd('.') : s;

    [GeneratedRegex(@"name '(\w+)'")]
    private static partial Regex NamePattern();

    [GeneratedRegex(@"'([\w.]+)' does not contain a definition for '(\w+)'")]
    private static partial Regex MemberPattern();
}
