using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Verdict.Diagnostics;

namespace Verdict.Scripting.CSharp;

/// <summary>
/// The allow-list every bound csharp expression passes: each symbol it uses must be a fact, a helper, a lambda's own
/// parameter, or one of a short list of pure string, Math, LINQ and collection members — the same set the lambda
/// language allows. This is the guarantee; <see cref="SyntaxGuard"/> only gives the common refusals a clear reason.
/// </summary>
internal static class SemanticGuard
{
    private static readonly HashSet<string> EnumerableMethods =
        ["Any", "All", "Count", "Contains", "Sum", "Min", "Max", "Where", "Select", "First", "FirstOrDefault", "Distinct", "Intersect", "Except", "Average", "ToArray", "ToList", "OrderBy", "SequenceEqual"];

    private static readonly HashSet<string> StringMethods =
        ["Contains", "StartsWith", "EndsWith", "Equals", "ToLower", "ToUpper", "ToLowerInvariant", "ToUpperInvariant", "Trim", "IndexOf", "Concat", "Compare", "CompareOrdinal", "IsNullOrEmpty", "Substring", "Length", "Chars"];

    private static readonly HashSet<string> MathMethods = ["Min", "Max", "Abs", "Floor", "Ceiling", "Round", "Clamp", "Pow", "Sqrt"];

    private static readonly HashSet<string> CollectionMembers = ["Count", "Contains", "ContainsKey", "this[]", "TryGetValue", "Keys", "Values", "Length", "Key", "Value", "HasValue"];

    private static readonly HashSet<string> Namespaces = ["System", "System.Linq", "System.Collections.Generic", "Verdict", "Verdict.Facts", "Verdict.Expressions"];

    /// <summary>Throws a located <c>VD1204</c> for the first symbol outside the allow-list.</summary>
    public static void Check(SemanticModel model, ExpressionSyntax expr, int userStart, string text, SourceLocation at, int offset)
    {
        // of all refusals, the leftmost and smallest: `FactsLoader` rather than the `.Id` read off its result
        (SyntaxNode Node, ISymbol Symbol)? worst = null;
        foreach (var node in expr.DescendantNodesAndSelf())
            foreach (var symbol in Symbols(model, node))
                if (!Allowed(symbol) && (worst is null || (node.SpanStart, node.Span.Length).CompareTo((worst.Value.Node.SpanStart, worst.Value.Node.Span.Length)) < 0))
                    worst = (node, symbol);
        if (worst is var (bad, sym))
        {
            var name = sym.ContainingType is { } t && sym is not INamedTypeSymbol ? $"{t.Name}.{sym.Name}" : sym.Name;
            var place = bad is MemberAccessExpressionSyntax ma ? ma.Name.SpanStart : bad.SpanStart;
            throw VerdictException.Single(Codes.ForbiddenMember, $"`{name}` is not available in csharp conditions",
                SourceMap.At(at, offset, text, place - userStart), SyntaxGuard.Help);
        }
    }

    private static IEnumerable<ISymbol> Symbols(SemanticModel model, SyntaxNode node)
    {
        if (node is QueryClauseSyntax clause)
        {
            var info = model.GetQueryClauseInfo(clause);
            if (info.OperationInfo.Symbol is { } a) yield return a;
            if (info.CastInfo.Symbol is { } b) yield return b;
        }
        if (node is SelectOrGroupClauseSyntax sg && model.GetSymbolInfo(sg).Symbol is { } q) yield return q;
        var s = model.GetSymbolInfo(node);
        if (s.Symbol is { } sym) yield return sym;
        foreach (var c in s.CandidateSymbols) yield return c;
        if (node is ExpressionSyntax e && model.GetConversion(e) is { IsUserDefined: true, MethodSymbol: { } conv }) yield return conv;
    }

    internal static bool Allowed(ISymbol symbol)
    {
        switch (symbol)
        {
            case IParameterSymbol or ILocalSymbol or IRangeVariableSymbol or IDiscardSymbol:
                return true;
            case INamespaceSymbol ns:
                return ns.IsGlobalNamespace || Namespaces.Contains(ns.ToDisplayString());
            case INamedTypeSymbol t:
                return AllowedType(t);
            case IMethodSymbol m:
                return AllowedMethod(m);
            case IPropertySymbol p:
                if (Ours(p.ContainingType) || p.ContainingType.IsTupleType) return true;
                if (p.ContainingType.SpecialType == SpecialType.System_String) return p.Name is "Length" or "Chars" || p.IsIndexer;
                return IsCollection(p.ContainingType) && (CollectionMembers.Contains(p.Name) || p.IsIndexer) || AllowedValueType(p.ContainingType);
            case IFieldSymbol f:
                return f.ContainingType.TypeKind == TypeKind.Enum && f.ContainingType.Name == "StringComparison"
                       || f.ContainingType.IsTupleType
                       || f.IsConst && f.ContainingType.SpecialType != SpecialType.None;
            default:
                return false;
        }
    }

    private static bool AllowedMethod(IMethodSymbol m)
    {
        m = m.ReducedFrom ?? m;
        if (m.MethodKind is MethodKind.LambdaMethod or MethodKind.AnonymousFunction or MethodKind.BuiltinOperator) return true;
        if (m.MethodKind is MethodKind.DelegateInvoke) return false;
        var t = m.ContainingType;
        if (t is null) return false;
        if (Ours(t)) return m.ContainingType.SpecialType != SpecialType.System_Object;
        var full = t.ToDisplayString();
        if (full == "System.Linq.Enumerable") return EnumerableMethods.Contains(m.Name);
        if (t.SpecialType == SpecialType.System_String) return StringMethods.Contains(m.Name) || m.Name is "op_Equality" or "op_Inequality" or "get_Chars";
        if (full == "System.Math") return MathMethods.Contains(m.Name);
        // C# 14 binds `array.Contains(x)` to the span overload
        if (full == "System.MemoryExtensions") return m.Name is "Contains" or "StartsWith" or "EndsWith" or "SequenceEqual" or "IndexOf";
        if (IsCollection(t)) return m.Name is "Contains" or "ContainsKey" or "get_Item" or "TryGetValue";
        if (m.MethodKind is MethodKind.UserDefinedOperator or MethodKind.Conversion)
            return t.SpecialType != SpecialType.None || full is "System.Decimal" || AllowedValueType(t);
        return AllowedValueType(t) && m.Name is not ("GetType" or "ToString" or "GetHashCode");
    }

    private static bool AllowedType(INamedTypeSymbol t)
    {
        if (Ours(t) || t.IsTupleType || t.IsAnonymousType) return true;
        if (t.SpecialType is not SpecialType.None and not SpecialType.System_Object and not SpecialType.System_Delegate
            and not SpecialType.System_MulticastDelegate and not SpecialType.System_IntPtr and not SpecialType.System_UIntPtr) return true;
        var full = t.OriginalDefinition.ToDisplayString();
        return full is "System.Math" or "System.StringComparison" or "System.Linq.Enumerable" or "System.Nullable<T>"
               || IsCollection(t) || AllowedValueType(t);
    }

    /// <summary>The fact types reachable from the expression root, and the struct csharp conditions are compiled into.</summary>
    private static bool Ours(INamedTypeSymbol t) =>
        t.ContainingNamespace?.ToDisplayString() == "__Verdict" || FactTypes.Contains(t.OriginalDefinition.ToDisplayString());

    // Not the whole Verdict.Facts namespace: FactsLoader reads files, IncidentFacts can be marked. Only the view.
    private static readonly HashSet<string> FactTypes = Reachable();

    private static HashSet<string> Reachable()
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        var todo = new Stack<Type>([typeof(Verdict.Expressions.FactScope)]);
        while (todo.Count > 0)
        {
            var t = todo.Pop();
            if (t.IsGenericType) { foreach (var a in t.GetGenericArguments()) todo.Push(a); continue; }
            if (t.Namespace is not ("Verdict.Facts" or "Verdict.Expressions") || !names.Add(t.FullName!)) continue;
            foreach (var p in t.GetProperties()) todo.Push(p.PropertyType);
        }
        names.Remove(typeof(Verdict.Expressions.FactScope).FullName!);
        return names;
    }

    private static bool IsCollection(INamedTypeSymbol t) =>
        t.ContainingNamespace?.ToDisplayString() == "System.Collections.Generic" || t.OriginalDefinition.ToDisplayString() is "System.Nullable<T>"
        || t.TypeKind == TypeKind.Array;

    private static bool AllowedValueType(INamedTypeSymbol t) =>
        t.ContainingNamespace?.ToDisplayString() == "NodaTime" && t.Name is "Instant" or "Duration";
}
