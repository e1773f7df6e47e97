using Acornima;
using Acornima.Ast;
using Verdict.Diagnostics;
using Verdict.Expressions;
using Verdict.Facts;
using SourceLocation = Verdict.Diagnostics.SourceLocation;

namespace Verdict.Scripting.Js;

/// <summary>
/// The literal checks of <see cref="LiteralRules"/> on a js expression: <c>breach.cause === "intrusoin"</c>,
/// <c>data.categories.includes("helth")</c>, <c>["a", "b"].includes(breach.cause)</c>, items of a closed list inside
/// <c>some</c>/<c>every</c>/<c>filter</c>, and the literal arguments of the helpers.
/// </summary>
internal static class JsLiterals
{
    private static readonly HashSet<string> ItemMethods = ["some", "every", "filter", "find", "findIndex", "map", "forEach", "flatMap"];

    /// <summary>
    /// Throws a located <see cref="VerdictException"/> for the first literal that can never match; <paramref name="shift"/>
    /// maps a parsed offset back into <paramref name="text"/> (a function body parsed inside a wrapper).
    /// </summary>
    public static void Check(Node root, string text, SourceLocation at, int offset, LiteralRules rules, int shift = 0)
    {
        var items = new Dictionary<string, string>(StringComparer.Ordinal);
        Diagnostic? found = null;
        SourceLocation Place(Node n) => SourceMap.At(at, offset, text, n.Start + shift + (n is StringLiteral ? 1 : 0));

        string? PathOf(Node? e)
        {
            var chain = new List<string>();
            while (e is MemberExpression { Computed: false, Property: Identifier p } m) { chain.Add(p.Name); e = m.Object; }
            if (e is not Identifier id) return null;
            chain.Reverse();
            string? start = items.TryGetValue(id.Name, out var item) ? item : FactShape.Roots.ContainsKey(id.Name) ? id.Name : null;
            return start is null ? null : chain.Count == 0 ? start : $"{start}.{string.Join('.', chain)}";
        }

        void Compare(string? path, Node? literal)
        {
            if (found is null && path is not null && literal is StringLiteral s)
                found = LiteralRules.Compare(path, s.Value, Place(s));
        }

        void Visit(Node n)
        {
            if (found is not null) return;
            switch (n)
            {
                case BinaryExpression { Operator: Operator.Equality or Operator.StrictEquality or Operator.Inequality or Operator.StrictInequality } b:
                    Compare(PathOf(b.Left), b.Right);
                    Compare(PathOf(b.Right), b.Left);
                    break;
                case CallExpression c:
                {
                    var arg = c.Arguments.Count > 0 ? c.Arguments[0] : null;
                    var literal = arg switch { StringLiteral s => s.Value, NumericLiteral num => (object)num.Value, _ => null };
                    if (c.Callee is Identifier h && FactShape.Helpers.ContainsKey(h.Name) && literal is not null)
                        found ??= rules.Helper(h.Name, literal, Place(arg!));
                    if (c.Callee is MemberExpression { Computed: false, Property: Identifier method } callee)
                    {
                        if (method.Name == "atLeast" && callee.Object is Identifier { Name: "severity" } && literal is not null)
                            found ??= rules.Helper("atLeast", literal, Place(arg!));
                        if (method.Name == "includes")
                        {
                            Compare(PathOf(callee.Object), arg);
                            if (callee.Object is ArrayExpression list && PathOf(arg) is { } path)
                                foreach (var el in list.Elements) Compare(path, el);
                        }
                        if (ItemMethods.Contains(method.Name) && arg is ArrowFunctionExpression or FunctionExpression && PathOf(callee.Object) is { } listPath
                            && ((IFunction)arg).Params is [Identifier param, ..])
                            items[param.Name] = FactEnums.Of(listPath) is not null ? listPath : listPath + "[]";
                    }
                    break;
                }
            }
            foreach (var child in n.ChildNodes) Visit(child);
        }

        Visit(root);
        if (found is not null) throw new VerdictException([found]);
    }
}
