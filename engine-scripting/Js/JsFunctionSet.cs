using System.Text;
using System.Text.RegularExpressions;
using Acornima;
using Acornima.Ast;
using Verdict.Diagnostics;

namespace Verdict.Scripting.Js;

/// <summary>
/// A policy's <c>functions:</c> compiled into the JavaScript that declares them, checked like conditions, with the facts
/// each one reads (through the functions it calls too), so that calling one makes a condition unknown when they are missing.
/// </summary>
internal sealed partial class JsFunctionSet
{
    public static readonly JsFunctionSet Empty = new(new HashSet<string>(), "", new Dictionary<string, IReadOnlySet<string>>());

    /// <summary>The function names.</summary>
    public IReadOnlySet<string> Names { get; }

    /// <summary>JavaScript that declares every function and freezes it.</summary>
    public string Declarations { get; }

    /// <summary>Fact paths each function reads, transitively.</summary>
    public IReadOnlyDictionary<string, IReadOnlySet<string>> Paths { get; }

    private JsFunctionSet(IReadOnlySet<string> names, string declarations, IReadOnlyDictionary<string, IReadOnlySet<string>> paths)
    {
        Names = names;
        Declarations = declarations;
        Paths = paths;
    }

    public static JsFunctionSet Compile(IReadOnlyList<PolicyFunction> functions, Verdict.Expressions.LiteralRules? literals = null)
    {
        if (functions.Count == 0) return Empty;
        var names = functions.Select(f => f.Name).ToHashSet(StringComparer.Ordinal);
        var js = new StringBuilder();
        var nodes = new Dictionary<string, Node>(StringComparer.Ordinal);
        foreach (var f in functions)
        {
            if (!IdentifierPattern().IsMatch(f.Name) || FactShape.Roots.ContainsKey(f.Name) || FactShape.Helpers.ContainsKey(f.Name) || JsAnalyzer.Builtins.Contains(f.Name))
                throw VerdictException.Single(Codes.ExpressionSyntax, $"`{f.Name}` cannot name a function", f.Location,
                    "use a JavaScript identifier that is not a fact, a helper or a built-in, e.g. `weightedScore`");
            var (declaration, node, shift) = Declare(f);
            if (literals is not null) JsLiterals.Check(node, f.Source, f.Location, f.ContentOffset, literals, shift);
            JsAnalyzer.CheckNames(node, f.Source, f.Location, f.ContentOffset, names);
            nodes[f.Name] = node;
            js.Append(declaration).Append('\n');
        }
        foreach (var f in functions) js.Append("Object.freeze(").Append(f.Name).Append(");\n");

        // paths through calls: a function reads what it reads itself and what the functions it calls read
        var direct = nodes.ToDictionary(kv => kv.Key, kv => JsAnalyzer.Paths(kv.Value, new Dictionary<string, IReadOnlySet<string>>()));
        var calls = nodes.ToDictionary(kv => kv.Key, kv => JsAnalyzer.Mentions(kv.Value, names).ToList());
        var paths = new Dictionary<string, IReadOnlySet<string>>(StringComparer.Ordinal);
        foreach (var name in names)
        {
            var all = new SortedSet<string>(StringComparer.Ordinal);
            var seen = new HashSet<string>(StringComparer.Ordinal);
            var todo = new Stack<string>([name]);
            while (todo.Count > 0)
            {
                var n = todo.Pop();
                if (!seen.Add(n)) continue;
                all.UnionWith(direct[n]);
                foreach (var c in calls[n]) todo.Push(c);
            }
            paths[name] = all;
        }
        return new JsFunctionSet(names, js.ToString(), paths);
    }

    /// <summary>
    /// A function is written as a function (<c>function (a) { … }</c>), an arrow (<c>(a) =&gt; …</c>) or a bare body
    /// (<c>return data.records &gt; 1000;</c>). Anything else — in particular code that runs when declared — is refused.
    /// </summary>
    private static (string Declaration, Node Node, int Shift) Declare(PolicyFunction f)
    {
        Verdict.Expressions.ExpressionLimits.Script.Check(f.Source, f.Location, f.ContentOffset);
        var text = f.Source.Trim();
        Expression? e = null;
        try { e = new Parser(new ParserOptions { EcmaVersion = EcmaVersion.Latest }).ParseExpression(text); }
        catch (ParseErrorException) { }
        if (e is FunctionExpression or ArrowFunctionExpression)
            return ($"const {f.Name} = ({text}\n);", e, f.Source.Length - f.Source.TrimStart().Length);
        var wrapped = $"function {f.Name}(...args) {{\n{f.Source}\n}}";
        try
        {
            var script = JsAnalyzer.ParseScript(wrapped);
            if (script.Body is [FunctionDeclaration decl]) return (wrapped, decl, -(wrapped.IndexOf('\n') + 1));
            throw VerdictException.Single(Codes.ExpressionSyntax, $"function `{f.Name}` must be one function", f.Location,
                "write `function (x) { … }`, `(x) => …` or just a body such as `return data.records > 1000;`");
        }
        catch (ParseErrorException pe)
        {
            var index = Math.Max(0, (pe.Error.IsIndexDefined ? pe.Error.Index : 0) - (wrapped.IndexOf('\n') + 1));
            throw VerdictException.Single(Codes.ExpressionSyntax, $"cannot read function `{f.Name}`: {pe.Description.TrimEnd('.')}",
                SourceMap.At(f.Location, f.ContentOffset, f.Source, index),
                "write `function (x) { … }`, `(x) => …` or just a body such as `return data.records > 1000;`");
        }
    }

    [GeneratedRegex(@"^[A-Za-z_$][A-Za-z0-9_$]*$")]
    private static partial Regex IdentifierPattern();
}
