using Acornima;
using Acornima.Ast;
using Verdict.Diagnostics;
using SourceLocation = Verdict.Diagnostics.SourceLocation;
using Verdict.Facts;

namespace Verdict.Scripting.Js;

/// <summary>The value kinds a js value expression can be typed as at compile time.</summary>
internal enum JsKind { Unknown, Number, Text, Bool, List }

/// <summary>
/// Static checks on js expressions, before anything runs: syntax, names (facts, helpers, the policy's functions and a
/// short list of built-ins), fact paths with "did you mean", the facts an expression reads (so a missing one makes it
/// unknown, as in lambda) and the kind of value it gives.
/// </summary>
internal static class JsAnalyzer
{
    /// <summary>Built-ins a condition may name; everything else that is not declared in the expression is an error.</summary>
    public static readonly IReadOnlySet<string> Builtins = new HashSet<string>(StringComparer.Ordinal)
    {
        "Math", "Number", "String", "Boolean", "Array", "Object", "JSON", "Set", "Map", "RegExp", "Date", "Symbol", "BigInt",
        "Error", "TypeError", "RangeError", "Reflect", "Iterator", "parseInt", "parseFloat", "isNaN", "isFinite", "undefined",
        "NaN", "Infinity", "encodeURIComponent", "decodeURIComponent", "encodeURI", "decodeURI", "arguments",
    };

    // Acornima's parser keeps its state in the instance: one per thread, as bundles may compile concurrently
    // (hosted reloads, several bundles in one process, the tests).
    [ThreadStatic] private static Parser? t_parser;
    private static Parser Parser => t_parser ??= new(new ParserOptions { EcmaVersion = EcmaVersion.Latest });

    public const string Help =
        "a js condition reads the facts (data, breach, ai, …), the helpers subjectsIn, subjectsTotal, establishedIn and severity.atLeast, and the policy's `functions:`";

    /// <summary>Parses one expression; a syntax error points at its column in the policy file.</summary>
    public static Expression ParseExpression(string text, SourceLocation at, int offset)
    {
        Verdict.Expressions.ExpressionLimits.Script.Check(text, at, offset);
        try { return Parser.ParseExpression(text); }
        catch (ParseErrorException e)
        {
            throw VerdictException.Single(Codes.ExpressionSyntax, $"cannot read js `{text.Trim()}`: {Lower(e.Description)}",
                SourceMap.At(at, offset, text, e.Error.IsIndexDefined ? e.Error.Index : 0),
                "js conditions are JavaScript expressions: `&&`, `||`, `!`, `===`, `>=`, strings in quotes");
        }
    }

    /// <summary>Parses a script (a function's source).</summary>
    public static Script ParseScript(string text) => Parser.ParseScript(text, strict: true);

    /// <summary>Checks every free name and every fact path the node uses.</summary>
    public static void CheckNames(Node node, string text, SourceLocation at, int offset, IReadOnlySet<string> functions)
    {
        var declared = Declared(node);
        Walk(node, (id, chain) =>
        {
            var name = id.Name;
            if (declared.Contains(name) || functions.Contains(name) || Builtins.Contains(name) || FactShape.Helpers.ContainsKey(name)) return;
            if (FactShape.Roots.TryGetValue(name, out var type))
            {
                CheckChain(name, type, chain, text, at, offset);
                return;
            }
            var known = FactShape.Roots.Keys.Concat(FactShape.Helpers.Keys).Concat(functions);
            var near = Suggest.Nearest(name, known);
            throw VerdictException.Single(Codes.UnknownFactPath, $"unknown name `{name}`", SourceMap.At(at, offset, text, id.Start),
                near is not null ? $"did you mean `{near}`?" : Help);
        });
    }

    private static void CheckChain(string root, Type type, IReadOnlyList<(string Name, Node At)> chain, string text, SourceLocation at, int offset)
    {
        var path = root;
        foreach (var (name, node) in chain)
        {
            if (!FactShape.IsSection(type)) return; // a value (text, list, number): its own members are JavaScript's
            var members = FactShape.Members(type);
            if (members.TryGetValue(name, out var next)) { type = next; path += "." + name; continue; }
            if (FactShape.Methods(type).Contains(name)) return;
            var near = Suggest.Nearest(name, members.Keys.Concat(FactShape.Methods(type)));
            throw VerdictException.Single(Codes.UnknownFactPath, $"unknown fact path `{path}.{name}`", SourceMap.At(at, offset, text, node.Start),
                near is not null ? $"did you mean `{path}.{near}`?" : $"known names here: {string.Join(", ", members.Keys.Order(StringComparer.Ordinal))}");
        }
    }

    /// <summary>The fact paths a node reads, with those of the helpers and policy functions it calls.</summary>
    public static SortedSet<string> Paths(Node node, IReadOnlyDictionary<string, IReadOnlySet<string>> functionPaths)
    {
        var paths = new SortedSet<string>(StringComparer.Ordinal);
        var declared = Declared(node);
        Walk(node, (id, chain) =>
        {
            if (declared.Contains(id.Name)) return;
            if (FactShape.Helpers.TryGetValue(id.Name, out var needs)) paths.UnionWith(needs);
            else if (functionPaths.TryGetValue(id.Name, out var fp)) paths.UnionWith(fp);
            else if (FactShape.Roots.ContainsKey(id.Name) &&
                     FactShape.LongestFact([id.Name, .. chain.Select(c => c.Name)]) is { } p) paths.Add(p);
        });
        return paths;
    }

    /// <summary>Names of policy functions a node calls (for the transitive paths of functions).</summary>
    public static IEnumerable<string> Mentions(Node node, IReadOnlySet<string> functions)
    {
        var found = new SortedSet<string>(StringComparer.Ordinal);
        Walk(node, (id, _) => { if (functions.Contains(id.Name)) found.Add(id.Name); });
        return found;
    }

    /// <summary>The kind of value an expression gives, when it can be told without running it.</summary>
    public static JsKind KindOf(Expression e)
    {
        switch (e)
        {
            case StringLiteral: case TemplateLiteral: return JsKind.Text;
            case NumericLiteral: return JsKind.Number;
            case BooleanLiteral: return JsKind.Bool;
            case ArrayExpression: return JsKind.List;
            case ParenthesizedExpression p: return KindOf(p.Expression);
            case UnaryExpression u:
                return u.Operator switch
                {
                    Operator.LogicalNot => JsKind.Bool,
                    Operator.TypeOf => JsKind.Text,
                    Operator.UnaryNegation or Operator.UnaryPlus or Operator.BitwiseNot => JsKind.Number,
                    _ => JsKind.Unknown,
                };
            case LogicalExpression l:
            {
                var (a, b) = (KindOf(l.Left), KindOf(l.Right));
                return a == b ? a : JsKind.Unknown;
            }
            case BinaryExpression b:
                switch (b.Operator)
                {
                    case Operator.Equality or Operator.Inequality or Operator.StrictEquality or Operator.StrictInequality or Operator.LessThan
                        or Operator.LessThanOrEqual or Operator.GreaterThan or Operator.GreaterThanOrEqual or Operator.In or Operator.InstanceOf:
                        return JsKind.Bool;
                    case Operator.Addition:
                    {
                        var (l, r) = (KindOf(b.Left), KindOf(b.Right));
                        if (l == JsKind.Text || r == JsKind.Text) return JsKind.Text;
                        return l == JsKind.Number && r == JsKind.Number ? JsKind.Number : JsKind.Unknown;
                    }
                    default: return JsKind.Number;
                }
            case ConditionalExpression c:
            {
                var (a, b) = (KindOf(c.Consequent), KindOf(c.Alternate));
                return a == b ? a : JsKind.Unknown;
            }
            case CallExpression call:
                return call.Callee switch
                {
                    Identifier { Name: var h } when FactShape.HelperResult(h) is { } result => KindOf(result),
                    Identifier { Name: "Number" or "parseInt" or "parseFloat" } => JsKind.Number,
                    Identifier { Name: "String" } => JsKind.Text,
                    Identifier { Name: "Boolean" or "isNaN" or "isFinite" } => JsKind.Bool,
                    MemberExpression { Object: Identifier { Name: "Math" } } => JsKind.Number,
                    MemberExpression { Computed: false, Property: Identifier m } => m.Name switch
                    {
                        "includes" or "some" or "every" or "startsWith" or "endsWith" or "has" or "test" or "atLeast" or "isArray" => JsKind.Bool,
                        "filter" or "map" or "slice" or "concat" or "toSorted" or "sort" or "split" or "keys" or "flat" or "flatMap" => JsKind.List,
                        "indexOf" or "lastIndexOf" or "findIndex" or "findLastIndex" => JsKind.Number,
                        "toLowerCase" or "toUpperCase" or "trim" or "join" or "toString" or "padStart" or "padEnd" => JsKind.Text,
                        _ => JsKind.Unknown,
                    },
                    _ => JsKind.Unknown,
                };
            case MemberExpression m:
            {
                if (m is { Computed: false, Property: Identifier { Name: "length" } }) return JsKind.Number;
                var chain = new List<string>();
                Expression? x = m;
                while (x is MemberExpression mm && !mm.Computed && mm.Property is Identifier pid) { chain.Add(pid.Name); x = mm.Object; }
                if (x is not Identifier root || !FactShape.Roots.TryGetValue(root.Name, out var type)) return JsKind.Unknown;
                chain.Reverse();
                foreach (var name in chain)
                    if (!FactShape.IsSection(type) || !FactShape.Members(type).TryGetValue(name, out type!)) return JsKind.Unknown;
                return KindOf(type);
            }
            case Identifier id when FactShape.Roots.TryGetValue(id.Name, out var t): return KindOf(t);
            default: return JsKind.Unknown;
        }
    }

    private static JsKind KindOf(Type t) =>
        t == typeof(long) || t == typeof(int) || t == typeof(double) || t == typeof(decimal) ? JsKind.Number :
        t == typeof(bool) ? JsKind.Bool :
        t == typeof(string) || t == typeof(NodaTime.Instant) ? JsKind.Text :
        typeof(IReadOnlyList<string>).IsAssignableFrom(t) ? JsKind.List : JsKind.Unknown;

    /// <summary>
    /// Calls <paramref name="visit"/> for every identifier that refers to a variable (not a property name), with the
    /// chain of plain member names that follows it (<c>data.subjects["DE"]</c> gives data → subjects, DE).
    /// </summary>
    private static void Walk(Node node, Action<Identifier, IReadOnlyList<(string Name, Node At)>> visit)
    {
        switch (node)
        {
            case MemberExpression m:
            {
                // find the root of a member chain and collect the names after it
                var chain = new List<(string, Node)>();
                Node x = m;
                var stack = new List<MemberExpression>();
                while (x is MemberExpression mm) { stack.Add(mm); x = mm.Object; }
                stack.Reverse();
                var broken = false;
                foreach (var mm in stack)
                {
                    if (!broken && !mm.Computed && mm.Property is Identifier pid) chain.Add((pid.Name, pid));
                    else if (!broken && mm.Computed && mm.Property is StringLiteral sl) chain.Add((sl.Value, sl));
                    else broken = true;
                    if (mm.Computed) Walk(mm.Property, visit);
                }
                if (x is Identifier root) visit(root, chain);
                else Walk(x, visit);
                return;
            }
            case Identifier id:
                visit(id, []);
                return;
            case Property p:
                if (p.Computed) Walk(p.Key, visit);
                Walk(p.Value, visit);
                return;
            case MetaProperty:
            case PrivateIdentifier:
                return;
        }
        foreach (var child in node.ChildNodes) Walk(child, visit);
    }

    /// <summary>Every name the node declares anywhere (parameters, variables, function names): not free references.</summary>
    private static HashSet<string> Declared(Node node)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        void Binding(Node? b)
        {
            switch (b)
            {
                case null: return;
                case Identifier id: names.Add(id.Name); return;
                case AssignmentPattern ap: Binding(ap.Left); return;
                case RestElement r: Binding(r.Argument); return;
                case ArrayPattern arr: foreach (var el in arr.Elements) Binding(el); return;
                case ObjectPattern obj:
                    foreach (var prop in obj.Properties)
                        if (prop is Property pp) Binding(pp.Value); else Binding(prop);
                    return;
            }
        }
        void Scan(Node n)
        {
            switch (n)
            {
                case ArrowFunctionExpression a: foreach (var p in a.Params) Binding(p); break;
                case FunctionExpression f: Binding(f.Id); foreach (var p in f.Params) Binding(p); break;
                case FunctionDeclaration f: Binding(f.Id); foreach (var p in f.Params) Binding(p); break;
                case VariableDeclarator v: Binding(v.Id); break;
                case CatchClause c: Binding(c.Param); break;
            }
            foreach (var child in n.ChildNodes) Scan(child);
        }
        Scan(node);
        return names;
    }

    private static string Lower(string s) => s.Length > 0 ? char.ToLowerInvariant(s[0]) + s[1..].TrimEnd('.') : s;
}
