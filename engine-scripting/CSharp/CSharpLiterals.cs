using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Verdict.Expressions;

namespace Verdict.Scripting.CSharp;

/// <summary>A literal a csharp expression compares with a closed fact, or hands to a helper; checked per bundle.</summary>
/// <param name="Helper">The helper's name, or null for a comparison with the fact at <paramref name="Path"/>.</param>
/// <param name="Index">Where the literal starts, counted from the start of the expression.</param>
internal sealed record CSharpLiteral(string? Helper, string? Path, object Value, int Index);

/// <summary>
/// Finds, with the semantic model, the literals <see cref="LiteralRules"/> checks: <c>Breach.Cause == "intrusoin"</c>,
/// <c>Data.Categories.Contains("helth")</c>, <c>new[] { "a" }.Contains(Breach.Cause)</c>, items of closed lists in
/// lambdas (<c>Data.SubjectTypes.Any(t =&gt; t == "minors")</c>) and the literal arguments of the helpers.
/// </summary>
internal static class CSharpLiterals
{
    public static CSharpLiteral[] Find(SemanticModel model, ExpressionSyntax expr, int expressionStart)
    {
        var found = new List<CSharpLiteral>();
        var items = new Dictionary<ISymbol, string>(SymbolEqualityComparer.Default);

        string? PathOf(ExpressionSyntax? e)
        {
            while (e is ParenthesizedExpressionSyntax p) e = p.Expression;
            if (e is null) return null;
            var symbol = model.GetSymbolInfo(e).Symbol;
            return symbol switch
            {
                IPropertySymbol prop when prop.ContainingType.Name == "__P" => LiteralRules.FactPathOf("FactScope", prop.Name),
                IPropertySymbol prop => LiteralRules.FactPathOf(prop.ContainingType.Name, prop.Name),
                IParameterSymbol or ILocalSymbol when items.TryGetValue(symbol, out var item) => item,
                _ => null,
            };
        }

        (object Value, int Index)? Literal(SyntaxNode? e) =>
            e is LiteralExpressionSyntax l && (l.IsKind(SyntaxKind.StringLiteralExpression) || l.IsKind(SyntaxKind.NumericLiteralExpression))
                ? (l.Token.Value!, l.SpanStart - expressionStart + (l.IsKind(SyntaxKind.StringLiteralExpression) ? 1 : 0))
                : e is PrefixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.UnaryMinusExpression, Operand: LiteralExpressionSyntax n } neg && n.IsKind(SyntaxKind.NumericLiteralExpression)
                    ? (-Convert.ToDouble(n.Token.Value, System.Globalization.CultureInfo.InvariantCulture), neg.SpanStart - expressionStart)
                    : null;

        void Compare(string? path, SyntaxNode? literal)
        {
            if (path is not null && Literal(literal) is ({ } value and string, var index)) found.Add(new CSharpLiteral(null, path, value, index));
        }

        foreach (var node in expr.DescendantNodesAndSelf())
        {
            switch (node)
            {
                case BinaryExpressionSyntax b when b.IsKind(SyntaxKind.EqualsExpression) || b.IsKind(SyntaxKind.NotEqualsExpression):
                    Compare(PathOf(b.Left), b.Right);
                    Compare(PathOf(b.Right), b.Left);
                    break;
                case InvocationExpressionSyntax call when model.GetSymbolInfo(call).Symbol is IMethodSymbol method:
                {
                    var args = call.ArgumentList.Arguments;
                    var first = args.Count > 0 ? args[0].Expression : null;
                    var receiver = (call.Expression as MemberAccessExpressionSyntax)?.Expression;
                    if ((method.ContainingType.Name is "__P" or "FactScope" or "SeverityView") && args.Count == 1 && Literal(first) is var (value, index))
                        found.Add(new CSharpLiteral(method.Name, null, value, index));
                    if (method.Name == "Contains" && first is not null)
                    {
                        Compare(PathOf(receiver), first);
                        if (PathOf(first) is { } path && receiver is not null)
                            foreach (var element in Elements(receiver)) Compare(path, element);
                    }
                    if (receiver is not null && PathOf(receiver) is { } listPath && first is SimpleLambdaExpressionSyntax or ParenthesizedLambdaExpressionSyntax
                        && model.GetSymbolInfo(first).Symbol is IMethodSymbol { Parameters: [var parameter, ..] }
                        && Verdict.Facts.FactEnums.Of(listPath) is not null)
                        items[parameter] = listPath;
                    break;
                }
            }
        }
        return found.ToArray();
    }

    private static IEnumerable<SyntaxNode> Elements(ExpressionSyntax e) => e switch
    {
        ImplicitArrayCreationExpressionSyntax a => a.Initializer.Expressions,
        ArrayCreationExpressionSyntax { Initializer: { } i } => i.Expressions,
        CollectionExpressionSyntax c => c.Elements.OfType<ExpressionElementSyntax>().Select(x => x.Expression),
        _ => [],
    };
}
