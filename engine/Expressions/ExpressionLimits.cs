using Verdict.Diagnostics;

namespace Verdict.Expressions;

/// <summary>
/// Size and nesting limits checked on an expression's text before any parser sees it. Parsers and tree visitors recurse
/// once per nesting level, so 2,000 nested parentheses, 30,000 <c>!</c> or 20,000 <c>||</c> in a 4 KB condition would
/// overflow the stack and kill the process; this scan is a loop, and it turns such text into a located error.
/// </summary>
/// <param name="MaxLength">Characters in one expression or script.</param>
/// <param name="MaxDepth">Nesting of <c>( [ {</c>.</param>
/// <param name="MaxUnaryRun">Prefix operators in a row (<c>!</c>, <c>-</c>, <c>+</c>, <c>~</c>, <c>not</c>).</param>
/// <param name="MaxOperators">Binary operators in one expression (or, where <paramref name="Statements"/>, one statement).</param>
/// <param name="MaxChain">Member accesses in a row (<c>a.b().c().d</c>).</param>
/// <param name="Statements">True for script languages: <c>;</c>, <c>{</c> and <c>}</c> end a statement.</param>
public sealed record ExpressionLimits(int MaxLength, int MaxDepth, int MaxUnaryRun, int MaxOperators, int MaxChain, bool Statements)
{
    /// <summary>The lambda language: one expression, no statements.</summary>
    public static ExpressionLimits Lambda { get; } = new(16 * 1024, 32, 16, 512, 64, Statements: false);

    /// <summary>js and csharp: conditions and the bodies of policy functions.</summary>
    public static ExpressionLimits Script { get; } = new(64 * 1024, 48, 16, 512, 64, Statements: true);

    /// <summary>Throws a located <see cref="VerdictException"/> when <paramref name="text"/> breaks a limit.</summary>
    public void Check(string text, SourceLocation at, int contentOffset)
    {
        if (Find(text) is not { } problem) return;
        throw VerdictException.Single(Codes.ExpressionTooComplex, problem.Message, ExpressionPlace.At(at, contentOffset, text, problem.Index), problem.Help);
    }

    /// <summary>The first limit broken, or null.</summary>
    public (int Index, string Message, string Help)? Find(string text)
    {
        const string split = "split it into several rules, or move a part into a named function";
        if (text.Length > MaxLength)
            return (MaxLength, $"expression is {text.Length} characters long, over the limit of {MaxLength}", split);
        var depth = 0;
        var unary = 0;
        var operators = 0;
        Span<int> chain = stackalloc int[MaxDepth + 2];
        var operand = false; // true right after an operand: a following `-` or `+` is binary
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c)) continue;
            // a js template (`…${code}…`) holds code: its text is scanned like code, which can only over-count
            if (c is '"' or '\'') { i = SkipString(text, i); operand = true; unary = 0; continue; }
            if (c == '/' && i + 1 < text.Length && text[i + 1] == '/') { i = SkipLine(text, i); continue; }
            if (c == '/' && i + 1 < text.Length && text[i + 1] == '*') { i = SkipComment(text, i); continue; }
            if (char.IsLetterOrDigit(c) || c is '_' or '$' or '@')
            {
                var start = i;
                while (i + 1 < text.Length && (char.IsLetterOrDigit(text[i + 1]) || text[i + 1] is '_' or '$' || IsDecimalPoint(text, i + 1)))
                    i++;
                var word = text.AsSpan(start, i - start + 1);
                if (word.Equals("not", StringComparison.OrdinalIgnoreCase) && !Statements)
                {
                    if (++unary > MaxUnaryRun) return TooManyUnary(start);
                    operand = false;
                }
                else if (!Statements && (word.Equals("and", StringComparison.OrdinalIgnoreCase) || word.Equals("or", StringComparison.OrdinalIgnoreCase)))
                {
                    if (++operators > MaxOperators) return TooManyOperators(start);
                    chain[depth] = 0;
                    unary = 0;
                    operand = false;
                }
                else
                {
                    unary = 0;
                    operand = true;
                }
                continue;
            }
            switch (c)
            {
                case '(' or '[' or '{':
                    if (++depth > MaxDepth)
                        return (i, $"expression nests deeper than {MaxDepth} levels of brackets", "flatten it: fewer parentheses, or split it into several rules");
                    chain[depth] = 0;
                    unary = 0;
                    operand = false;
                    if (c == '{' && Statements) operators = 0;
                    break;
                case ')' or ']' or '}':
                    depth = Math.Max(0, depth - 1);
                    unary = 0;
                    operand = true;
                    if (c == '}' && Statements) operators = 0;
                    break;
                case ';' when Statements:
                    operators = 0;
                    chain[depth] = 0;
                    operand = false;
                    break;
                case ',':
                    chain[depth] = 0;
                    operand = false;
                    break;
                case '.':
                    if (++chain[depth] > MaxChain)
                        return (i, $"expression chains more than {MaxChain} member accesses in a row", split);
                    operand = false;
                    break;
                case '!' when i + 1 < text.Length && text[i + 1] == '=':
                    if (++operators > MaxOperators) return TooManyOperators(i);
                    chain[depth] = 0;
                    operand = false;
                    i++;
                    break;
                case '!' or '~':
                case '-' or '+' when !operand:
                    if (++unary > MaxUnaryRun) return TooManyUnary(i);
                    break;
                case '=' when i + 1 < text.Length && text[i + 1] == '>':
                    // a lambda arrow: its body is one more level deep, not one more operator
                    i++;
                    operand = false;
                    break;
                default:
                    if (!"&|=<>*/%?^:-+".Contains(c)) { operand = false; break; }
                    // a run like `&&`, `>=`, `===`, `??` is one operator
                    while (i + 1 < text.Length && "&|=<>?".Contains(text[i + 1])) i++;
                    if (++operators > MaxOperators) return TooManyOperators(i);
                    chain[depth] = 0;
                    unary = 0;
                    operand = false;
                    break;
            }
        }
        return null;

        (int, string, string) TooManyUnary(int at) =>
            (at, $"expression has more than {MaxUnaryRun} prefix operators in a row", "two `!` cancel out: remove them in pairs");

        (int, string, string) TooManyOperators(int at) =>
            (at, $"expression has more than {MaxOperators} operators{(Statements ? " in one statement" : "")}", split);
    }

    private static bool IsDecimalPoint(string text, int i) =>
        text[i] == '.' && char.IsDigit(text[i - 1]) && i + 1 < text.Length && char.IsDigit(text[i + 1]);

    private static int SkipString(string text, int i)
    {
        var quote = text[i];
        for (i++; i < text.Length; i++)
        {
            if (text[i] == '\\') { i++; continue; }
            if (text[i] == quote) return i;
        }
        return text.Length - 1;
    }

    private static int SkipLine(string text, int i)
    {
        var end = text.IndexOf('\n', i);
        return end < 0 ? text.Length - 1 : end;
    }

    private static int SkipComment(string text, int i)
    {
        var end = text.IndexOf("*/", i + 2, StringComparison.Ordinal);
        return end < 0 ? text.Length - 1 : end + 1;
    }
}
