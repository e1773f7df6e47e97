using System.Linq.Dynamic.Core;
using System.Linq.Dynamic.Core.CustomTypeProviders;
using System.Linq.Dynamic.Core.Exceptions;
using System.Linq.Expressions;
using System.Reflection;
using System.Text.RegularExpressions;
using Verdict.Diagnostics;
using Verdict.Facts;

namespace Verdict.Expressions;

/// <summary>
/// The default condition language: RulesEngine's lambda expressions (System.Linq.Dynamic.Core), compiled once into
/// delegates over <see cref="FactScope"/>. Every parsed tree passes <see cref="Sandbox"/>, which allows the facts, the
/// helper functions and a short list of pure collection and string methods — nothing else (no clock, no I/O, no
/// reflection; the class of hole behind CVE-2023-32571).
/// </summary>
public sealed partial class LambdaLanguage : IConditionLanguage
{
    /// <summary>The shared instance, checking literals against the built-in vocabularies.</summary>
    public static LambdaLanguage Instance { get; } = new(LiteralRules.Default);

    private readonly LiteralRules _rules;

    /// <summary>A lambda language checking literals against one bundle's vocabularies.</summary>
    public LambdaLanguage(LiteralRules rules) => _rules = rules;

    private static readonly ParsingConfig Config = new()
    {
        CustomTypeProvider = new ScopeTypes(),
        DisallowNewKeyword = true,
        AllowNewToEvaluateAnyType = false,
        PrioritizePropertyOrFieldOverTheType = true,
        IsCaseSensitive = false,
        NumberParseCulture = System.Globalization.CultureInfo.InvariantCulture,
        LoadAdditionalAssembliesFromCurrentDomainBaseDirectory = false,
        ResolveTypesBySimpleName = false,
        AllowEqualsAndToStringMethodsOnObject = false,
    };

    /// <inheritdoc />
    public string Name => "lambda";

    /// <inheritdoc />
    public Condition CompileCondition(string text, SourceLocation at, int contentOffset)
    {
        var (lambda, param) = Parse(text, at, contentOffset, typeof(bool));
        Sandbox.Check(lambda.Body, param, text, at, contentOffset);
        CheckKnownPaths(lambda.Body, text, at, contentOffset);
        CheckLiterals(lambda.Body, text, at, contentOffset);
        return TieredCondition.Of(Split(lambda.Body, param, text, at), lambda.Body, param, at, text);
    }

    /// <inheritdoc />
    public ValueExpression CompileValue(string text, SourceLocation at, int contentOffset)
    {
        var (lambda, param) = Parse(text, at, contentOffset, null);
        Sandbox.Check(lambda.Body, param, text, at, contentOffset);
        CheckKnownPaths(lambda.Body, text, at, contentOffset);
        CheckLiterals(lambda.Body, text, at, contentOffset);
        var (paths, masks) = PathsOf(lambda.Body, param);
        var body = EvaluationBudget.Instrument(lambda.Body, at, text);
        // Interpreted at first, compiled when used again (see Tiering).
        Func<FactScope, T> Tier<T>(Func<Expression, Expression> shape) =>
            new TieredFunc<T>(Expression.Lambda<Func<FactScope, T>>(shape(body), param), Expression.Lambda<Func<FactScope, T>>(shape(Hoist(body)), param)).Delegate;
        var boxed = Tier<object?>(b => Expression.Convert(b, typeof(object)));
        Delegate? typed = null;
        if (body.Type == typeof(long) || body.Type == typeof(int) || body.Type == typeof(double) || body.Type == typeof(decimal))
            typed = Tier<double>(b => Expression.Convert(b, typeof(double)));
        else if (body.Type == typeof(string))
            typed = Tier<string>(b => b);
        else if (body.Type == typeof(bool))
            typed = Tier<bool>(b => b);
        else if (typeof(IReadOnlyList<string>).IsAssignableFrom(body.Type))
            typed = Tier<IReadOnlyList<string>>(b => Expression.Convert(b, typeof(IReadOnlyList<string>)));
        return new ValueExpression(boxed, body.Type, paths, masks, at, text) { Typed = typed };
    }

    private static (LambdaExpression, ParameterExpression) Parse(string text, SourceLocation at, int offset, Type? result)
    {
        ExpressionLimits.Lambda.Check(text, at, offset);
        var param = Expression.Parameter(typeof(FactScope), "facts");
        try
        {
            var lambda = DynamicExpressionParser.ParseLambda(Config, [param], result, text);
            return (lambda, param);
        }
        catch (ParseException e)
        {
            throw new VerdictException([Translate(e.Message, e.Position, text, at, offset, result)]);
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException)
        {
            throw VerdictException.Single(Codes.ExpressionType, $"cannot compile `{text}`: {Friendly(e.Message)}", at);
        }
    }

    private static Condition Split(Expression body, ParameterExpression param, string text, SourceLocation at)
    {
        switch (body.NodeType)
        {
            case ExpressionType.AndAlso:
            {
                var b = (BinaryExpression)body;
                return new AndCondition([Split(b.Left, param, text, at), Split(b.Right, param, text, at)]) { Location = at, Text = text };
            }
            case ExpressionType.OrElse:
            {
                var b = (BinaryExpression)body;
                return new OrCondition([Split(b.Left, param, text, at), Split(b.Right, param, text, at)]) { Location = at, Text = text };
            }
            case ExpressionType.Not when body.Type == typeof(bool):
                return new NotCondition(Split(((UnaryExpression)body).Operand, param, text, at)) { Location = at, Text = text };
            default:
            {
                var (paths, masks) = PathsOf(body, param);
                // The skeleton's leaves run interpreted: once a condition is hot, its fused compiled form runs instead.
                var fn = Tiering.Interpret(Expression.Lambda<Func<FactScope, bool>>(EvaluationBudget.Instrument(body, at, text), param));
                return new AtomCondition(fn, paths, masks) { Location = at, Text = text };
            }
        }
    }

    /// <summary>
    /// Compiles once, as constants, the nested lambdas that close over nothing (the <c>it =&gt; …</c> of
    /// <c>Any</c>, <c>All</c>, <c>Where</c>) and the arrays of constants (<c>in (…)</c>): the expression compiler would
    /// otherwise build a new delegate by reflection, or a new array, on every evaluation. Runs after the sandbox check,
    /// on the checked tree.
    /// </summary>
    internal static Expression Hoist(Expression body) => new ClosedLambdaHoister().Visit(body);

    private sealed class ClosedLambdaHoister : ExpressionVisitor
    {
        protected override Expression VisitLambda<T>(Expression<T> node)
        {
            var inner = (LambdaExpression)base.VisitLambda(node);
            return IsClosed(inner) ? Expression.Constant(inner.Compile(), inner.Type) : inner;
        }

        // `list.Any(it => …)` and `list.All(it => …)` over a fact list: an indexed loop with the predicate inlined,
        // instead of a generic enumeration calling a delegate per element. Same order, same early exit.
        protected override Expression VisitMethodCall(MethodCallExpression node)
        {
            if (node.Method.DeclaringType == typeof(Enumerable) && node.Method.Name is "Any" or "All" && node.Arguments.Count == 2
                && node.Arguments[1] is LambdaExpression { Parameters.Count: 1 } predicate)
            {
                var item = predicate.Parameters[0].Type;
                var listType = typeof(IReadOnlyList<>).MakeGenericType(item);
                if (listType.IsAssignableFrom(node.Arguments[0].Type))
                    return Loop(Visit(node.Arguments[0]), listType, predicate.Parameters[0], Visit(predicate.Body), node.Method.Name == "Any");
            }
            return base.VisitMethodCall(node);
        }

        private static Expression Loop(Expression source, Type listType, ParameterExpression item, Expression test, bool any)
        {
            var list = Expression.Variable(listType, "list");
            // Facts lists are List<T>: read through the class, not the interface (no dispatch per element).
            var concreteType = typeof(List<>).MakeGenericType(item.Type);
            var concrete = Expression.Variable(concreteType, "concrete");
            var result = Expression.Variable(typeof(bool), "result");
            var done = Expression.Label("done");
            var collection = typeof(IReadOnlyCollection<>).MakeGenericType(item.Type);
            return Expression.Block(typeof(bool), [list, concrete, result, item],
                Expression.Assign(list, Expression.Convert(source, listType)),
                // Enumerable.Any/All reject a null source the same way.
                Expression.IfThen(Expression.Equal(list, Expression.Constant(null, listType)),
                    Expression.Throw(Expression.New(typeof(ArgumentNullException).GetConstructor([typeof(string)])!, Expression.Constant("source")))),
                // Compiled blocks reuse locals of earlier sibling blocks: every variable is set before use.
                Expression.Assign(result, Expression.Constant(!any)),
                Expression.Assign(concrete, Expression.TypeAs(list, concreteType)),
                Expression.IfThenElse(Expression.NotEqual(concrete, Expression.Constant(null, concreteType)),
                    Scan(concrete, concreteType.GetProperty("Count")!, concreteType.GetProperty("Item")!),
                    Scan(list, collection.GetProperty("Count")!, listType.GetProperty("Item")!)),
                Expression.Label(done),
                result);

            Expression Scan(ParameterExpression over, System.Reflection.PropertyInfo countOf, System.Reflection.PropertyInfo itemOf)
            {
                var count = Expression.Variable(typeof(int), "n");
                var i = Expression.Variable(typeof(int), "i");
                var next = Expression.Label("next");
                return Expression.Block([count, i],
                    Expression.Assign(count, Expression.Property(over, countOf)),
                    Expression.Assign(i, Expression.Constant(0)),
                    Expression.Loop(
                        Expression.Block(
                            Expression.IfThen(Expression.GreaterThanOrEqual(i, count), Expression.Break(next)),
                            Expression.Assign(item, Expression.Property(over, itemOf, i)),
                            Expression.IfThen(any ? test : Expression.Not(test),
                                Expression.Block(Expression.Assign(result, Expression.Constant(any)), Expression.Goto(done))),
                            Expression.PostIncrementAssign(i)),
                        next));
            }
        }

        // A quoted lambda is data (an expression tree argument), not a delegate: leave it as written.
        protected override Expression VisitUnary(UnaryExpression node) => node.NodeType == ExpressionType.Quote ? node : base.VisitUnary(node);

        // `x in ("a", "b")` parses to a new array of constants on every evaluation; build it once. Expressions
        // cannot modify an array (the sandbox allows no such member), so sharing it is safe.
        protected override Expression VisitNewArray(NewArrayExpression node)
        {
            if (node.NodeType != ExpressionType.NewArrayInit || !node.Expressions.All(e => e is ConstantExpression)) return base.VisitNewArray(node);
            var array = Array.CreateInstance(node.Type.GetElementType()!, node.Expressions.Count);
            for (var i = 0; i < array.Length; i++) array.SetValue(((ConstantExpression)node.Expressions[i]).Value, i);
            return Expression.Constant(array, node.Type);
        }

        private static bool IsClosed(LambdaExpression lambda)
        {
            var scan = new ParameterScan();
            scan.Visit(lambda);
            return scan.Used.IsSubsetOf(scan.Declared);
        }
    }

    private sealed class ParameterScan : ExpressionVisitor
    {
        public HashSet<ParameterExpression> Used { get; } = [];
        public HashSet<ParameterExpression> Declared { get; } = [];

        protected override Expression VisitParameter(ParameterExpression node)
        {
            Used.Add(node);
            return node;
        }

        protected override Expression VisitLambda<T>(Expression<T> node)
        {
            Declared.UnionWith(node.Parameters);
            return base.VisitLambda(node);
        }

        protected override Expression VisitBlock(BlockExpression node)
        {
            Declared.UnionWith(node.Variables);
            return base.VisitBlock(node);
        }

        protected override CatchBlock VisitCatchBlock(CatchBlock node)
        {
            if (node.Variable is not null) Declared.Add(node.Variable);
            return base.VisitCatchBlock(node);
        }
    }

    /// <summary>The fact paths an expression reads: member chains from the root, and the facts helpers declare.</summary>
    internal static (string[] Paths, UInt128[] Masks) PathsOf(Expression body, ParameterExpression param)
    {
        var finder = new PathFinder(param);
        finder.Visit(body);
        var paths = finder.Paths.OrderBy(p => p, StringComparer.Ordinal).ToArray();
        return (paths, paths.Select(FactPaths.Bit).ToArray());
    }

    /// <summary><c>known("path")</c> takes a fact path written out, which must exist: a typo would be silently false.</summary>
    private static void CheckKnownPaths(Expression body, string text, SourceLocation at, int offset)
    {
        var finder = new KnownFinder();
        finder.Visit(body);
        if (finder.Bad is not { } bad) return;
        var index = text.IndexOf(bad, StringComparison.Ordinal);
        throw VerdictException.Single(Codes.UnknownFactPath, $"unknown fact path `{bad}` in known()",
            ExpressionPlace.At(at, offset, text, Math.Max(0, index)),
            Suggest.Nearest(bad, FactPaths.All) is { } near ? $"did you mean `{near}`?" : "name a fact from schemas/incident-facts.schema.json, in double quotes");
    }

    /// <summary>Literals compared with closed facts and helper arguments must be values that can match (see <see cref="LiteralRules"/>).</summary>
    private void CheckLiterals(Expression body, string text, SourceLocation at, int offset)
    {
        var finder = new LiteralFinder(_rules, text, at, offset);
        finder.Visit(body);
        if (finder.Found is { } d) throw new VerdictException([d]);
    }

    /// <summary>The fact path a member stands for (<c>breach.cause</c>, <c>ai.systems[].autonomy</c>), or null.</summary>
    internal static string? FactPathOf(System.Reflection.MemberInfo member) =>
        member.DeclaringType is { } t && Prefixes.TryGetValue(t, out var prefix)
            ? (prefix.Length == 0 ? Camel(member.Name) : $"{prefix}.{Camel(member.Name)}")
            : null;

    private sealed class LiteralFinder(LiteralRules rules, string text, SourceLocation at, int offset) : ExpressionVisitor
    {
        public Diagnostic? Found;
        private readonly Dictionary<ParameterExpression, string> _items = [];

        private SourceLocation Place(string literal)
        {
            var i = text.IndexOf("\"" + literal + "\"", StringComparison.Ordinal);
            return ExpressionPlace.At(at, offset, text, i < 0 ? 0 : i + 1);
        }

        private string? PathOf(Expression e)
        {
            while (e is UnaryExpression { NodeType: ExpressionType.Convert or ExpressionType.ConvertChecked } u) e = u.Operand;
            return e switch
            {
                MemberExpression m => FactPathOf(m.Member),
                ParameterExpression p => _items.GetValueOrDefault(p),
                _ => null,
            };
        }

        private static string? Literal(Expression e)
        {
            while (e is UnaryExpression { NodeType: ExpressionType.Convert } u) e = u.Operand;
            return e is ConstantExpression { Value: string s } ? s : null;
        }

        private void Compare(string? path, string? literal)
        {
            if (Found is null && path is not null && literal is not null) Found = LiteralRules.Compare(path, literal, Place(literal));
        }

        protected override Expression VisitBinary(BinaryExpression node)
        {
            if (node.NodeType is ExpressionType.Equal or ExpressionType.NotEqual)
            {
                Compare(PathOf(node.Left), Literal(node.Right));
                Compare(PathOf(node.Right), Literal(node.Left));
            }
            return base.VisitBinary(node);
        }

        protected override Expression VisitMethodCall(MethodCallExpression node)
        {
            var m = node.Method;
            if ((m.DeclaringType == typeof(FactScope) || m.DeclaringType == typeof(SeverityView)) && node.Arguments.Count == 1
                && node.Arguments[0] is ConstantExpression { Value: var arg } && Found is null)
                Found = rules.Helper(m.Name, arg, arg is string s ? Place(s) : ExpressionPlace.At(at, offset, text, Math.Max(0, text.IndexOf(Camel(m.Name), StringComparison.OrdinalIgnoreCase))));
            var (source, value) = m.Name == "Contains" && node.Object is null && node.Arguments.Count == 2 ? (node.Arguments[0], node.Arguments[1])
                : m.Name == "Contains" && node.Object is not null && node.Arguments.Count == 1 ? (node.Object, node.Arguments[0])
                : ((Expression?)null, (Expression?)null);
            if (source is not null && value is not null)
            {
                Compare(PathOf(source), Literal(value));
                if (PathOf(value) is { } path)
                    foreach (var literal in Constants(source)) Compare(path, literal);
            }
            // the item of a lambda over a closed list: data.subjectTypes.Any(it == "minors")
            if (m.DeclaringType == typeof(Enumerable) && node.Arguments.Count == 2 && node.Arguments[1] is LambdaExpression { Parameters.Count: 1 } l
                && PathOf(node.Arguments[0]) is { } listPath && FactEnums.Of(listPath) is not null)
                _items[l.Parameters[0]] = listPath;
            return base.VisitMethodCall(node);
        }

        private static IEnumerable<string> Constants(Expression e) => e switch
        {
            NewArrayExpression a => a.Expressions.Select(Literal).OfType<string>(),
            ConstantExpression { Value: string[] values } => values,
            _ => [],
        };
    }

    private sealed class KnownFinder : ExpressionVisitor
    {
        public string? Bad;

        protected override Expression VisitMethodCall(MethodCallExpression node)
        {
            if (node.Method.DeclaringType == typeof(FactScope) && node.Method.Name == nameof(FactScope.Known))
                Bad ??= node.Arguments[0] is ConstantExpression { Value: string p } ? (FactPaths.Exists(p) ? null : p) : "(not a literal)";
            return base.VisitMethodCall(node);
        }
    }

    private sealed class PathFinder(ParameterExpression root) : ExpressionVisitor
    {
        public SortedSet<string> Paths { get; } = new(StringComparer.Ordinal);

        protected override Expression VisitMember(MemberExpression node)
        {
            var names = new List<string>();
            Expression? e = node;
            while (e is MemberExpression m)
            {
                names.Add(Camel(m.Member.Name));
                e = m.Expression;
            }
            if (e == root)
            {
                names.Reverse();
                // the longest prefix that names a fact: data.subjects.Count reads data.subjects
                for (var n = names.Count; n > 0; n--)
                {
                    var path = string.Join('.', names.Take(n));
                    if (FactPaths.Exists(path)) { Paths.Add(path); break; }
                }
                return node;
            }
            return base.VisitMember(node);
        }

        protected override Expression VisitMethodCall(MethodCallExpression node)
        {
            if (node.Method.GetCustomAttribute<RequiresFactsAttribute>() is { } req)
                foreach (var p in req.Paths) Paths.Add(p);
            return base.VisitMethodCall(node);
        }
    }

    internal static string Camel(string name) => name.Length == 0 ? name : char.ToLowerInvariant(name[0]) + name[1..];

    internal static readonly Dictionary<Type, string> Prefixes = new()
    {
        [typeof(FactScope)] = "",
        [typeof(TimelineFacts)] = "timeline",
        [typeof(OrganizationFacts)] = "organization",
        [typeof(SourceFacts)] = "source",
        [typeof(AiFacts)] = "ai",
        [typeof(SeriousIncidentFacts)] = "ai.seriousIncident",
        [typeof(BreachFacts)] = "breach",
        [typeof(DataFacts)] = "data",
        [typeof(AssessmentFacts)] = "assessment",
        [typeof(SeverityView)] = "severity",
        [typeof(PurposeView)] = "purpose",
        [typeof(RiskView)] = "risk",
        [typeof(AiSystemFact)] = "ai.systems[]",
        [typeof(AccessFact)] = "access[]",
        [typeof(NoticeFact)] = "notices[]",
    };

    private static Diagnostic Translate(string message, int position, string text, SourceLocation at, int offset, Type? result)
    {
        var place = ExpressionPlace.At(at, offset, text, Math.Max(0, position));
        var member = NoMemberPattern().Match(message);
        if (member.Success)
        {
            var name = member.Groups[1].Value;
            var type = Prefixes.Keys.FirstOrDefault(t => t.Name == member.Groups[2].Value);
            var prefix = type is null ? null : Prefixes[type];
            var known = type is null ? [] : Members(type).ToList();
            var near = Suggest.Nearest(name, known);
            var full = string.IsNullOrEmpty(prefix) ? name : $"{prefix}.{name}";
            var nearFull = near is null ? null : string.IsNullOrEmpty(prefix) ? near : $"{prefix}.{near}";
            return Diagnostic.Error(Codes.UnknownFactPath, $"unknown fact path `{full}`", place,
                nearFull is not null ? $"did you mean `{nearFull}`?" :
                known.Count > 0 ? $"known names here: {string.Join(", ", known)}" : "see schemas/incident-facts.schema.json");
        }
        var ident = UnknownIdentifierPattern().Match(message);
        if (ident.Success)
        {
            var name = ident.Groups[1].Value;
            var known = Members(typeof(FactScope)).ToList();
            var near = Suggest.Nearest(name, known);
            return Diagnostic.Error(Codes.UnknownFactPath, $"unknown name `{name}`", place,
                near is not null ? $"did you mean `{near}`?" : $"an expression starts from one of: {string.Join(", ", known)}");
        }
        var method = NotAccessiblePattern().Match(message);
        if (method.Success)
            return Diagnostic.Error(Codes.ForbiddenMember, $"`{method.Groups[1].Value}` is not available in conditions", place, SandboxHelp);
        if (message.StartsWith("Expression of type 'Boolean' expected", StringComparison.Ordinal) || (result == typeof(bool) && message.Contains("expected", StringComparison.Ordinal) && message.Contains("Boolean", StringComparison.Ordinal)))
            return Diagnostic.Error(Codes.ExpressionType, $"`{text}` must be true or false", place,
                "compare the value, e.g. `data.records >= 1000` or `ai.involved == true`");
        return Diagnostic.Error(Codes.ExpressionSyntax, $"cannot read `{text}`: {Friendly(message)}", place,
            "conditions use C#-like syntax: `&&`, `||`, `!`, `==`, `>=`, strings in double quotes");
    }

    internal const string SandboxHelp =
        "expressions reach the incident facts and the helpers subjectsIn, subjectsTotal, establishedIn, known, owes, earliestDueWithinHours, restoredWithinHours and severity.atLeast only";

    internal static IEnumerable<string> Members(Type t) =>
        t.GetProperties(BindingFlags.Public | BindingFlags.Instance).Select(p => Camel(p.Name))
            .Concat(t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly).Where(m => !m.IsSpecialName).Select(m => Camel(m.Name) + "()"))
            .OrderBy(n => n, StringComparer.Ordinal);

    /// <summary>Lowercases the message and replaces .NET type names with words a policy author knows.</summary>
    internal static string Friendly(string message)
    {
        var s = TypeNamePattern().Replace(message, m => m.Groups[1].Value switch
        {
            "String" => "`text`",
            "Int32" or "Int64" or "Double" or "Decimal" or "Single" => "`number`",
            "Boolean" => "`true/false`",
            "Instant" => "`instant`",
            var other when other.StartsWith("IReadOnlyList", StringComparison.Ordinal) || other.StartsWith("List", StringComparison.Ordinal) => "`list`",
            var other when Prefixes.Keys.Any(t => t.Name == other) => $"`{Prefixes[Prefixes.Keys.First(t => t.Name == other)]}`",
            var other => $"`{other}`",
        });
        s = s.Trim().TrimEnd('.');
        return s.Length > 0 ? char.ToLowerInvariant(s[0]) + s[1..] : s;
    }

    [GeneratedRegex(@"No property or field '(\w+)' exists in type '(\w+)'")]
    private static partial Regex NoMemberPattern();

    [GeneratedRegex(@"(?:Unknown identifier|Type) '([\w.]+)'(?: not found)?")]
    private static partial Regex UnknownIdentifierPattern();

    [GeneratedRegex(@"Methods? '(\w+)' on type '[\w`.]+' (?:is|are) not accessible")]
    private static partial Regex NotAccessiblePattern();

    [GeneratedRegex(@"'([\w`\[\]]+)'")]
    private static partial Regex TypeNamePattern();

    /// <summary>Only the scope's own types are visible to the parser; no type can be named from a policy.</summary>
    private sealed class ScopeTypes : IDynamicLinqCustomTypeProvider
    {
        private static readonly HashSet<Type> Types = [typeof(FactScope), typeof(SeverityView), typeof(PurposeView), typeof(RiskView)];
        public HashSet<Type> GetCustomTypes() => Types;
        public Dictionary<Type, List<MethodInfo>> GetExtensionMethods() => [];
        public Type? ResolveType(string typeName) => null;
        public Type? ResolveTypeBySimpleName(string simpleTypeName) => null;
    }
}
