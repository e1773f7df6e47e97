using Verdict.Diagnostics;

namespace Verdict.Scripting;

/// <summary>Turns an offset inside an expression's text into the policy file's line and column.</summary>
internal static class SourceMap
{
    /// <summary>See <see cref="Expressions.ExpressionPlace.At"/>: one mapping for every language.</summary>
    public static SourceLocation At(SourceLocation at, int contentOffset, string text, int index) =>
        Expressions.ExpressionPlace.At(at, contentOffset, text, index);
}
