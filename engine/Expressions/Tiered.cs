using System.Linq.Expressions;
using Verdict.Diagnostics;

namespace Verdict.Expressions;

/// <summary>
/// Tiered execution of compiled expressions. Making a delegate out of an expression tree costs a JIT compilation
/// (most of a bundle's load time), yet most expressions of a bundle run rarely or never in a given process. So every
/// expression is parsed, sandbox-checked and made executable at load as an interpreted delegate, and is JIT-compiled
/// the second time it runs. Both tiers evaluate the same checked tree, so they give the same results.
/// </summary>
internal static class Tiering
{
    /// <summary>The call on which an expression is JIT-compiled (the first one runs interpreted).</summary>
    public const int CompileOnCall = 2;

    /// <summary>An interpreted delegate for a tree (cheap to make, slow to run).</summary>
    public static T Interpret<T>(Expression<T> lambda) where T : Delegate => lambda.Compile(preferInterpretation: true);
}

/// <summary>A <c>Func&lt;FactScope, T&gt;</c> that runs interpreted once and then switches itself to compiled code.</summary>
internal sealed class TieredFunc<T>
{
    private readonly Expression<Func<FactScope, T>> _compile;
    private Func<FactScope, T> _run;
    private int _calls;

    /// <summary>The delegate to hand out: it always runs the current tier.</summary>
    public Func<FactScope, T> Delegate { get; }

    /// <param name="interpret">The tree as checked, run by the interpreter.</param>
    /// <param name="compile">The same tree prepared for compilation (see <see cref="LambdaLanguage.Hoist"/>).</param>
    public TieredFunc(Expression<Func<FactScope, T>> interpret, Expression<Func<FactScope, T>> compile)
    {
        _compile = compile;
        var slow = Tiering.Interpret(interpret);
        _run = scope =>
        {
            if (Interlocked.Increment(ref _calls) == Tiering.CompileOnCall) _run = _compile.Compile();
            return slow(scope);
        };
        Delegate = Invoke;
    }

    private T Invoke(FactScope scope) => _run(scope);
}

/// <summary>
/// A lambda condition. Until it is hot it evaluates its three-valued skeleton (and, or, not over interpreted leaves);
/// then one compiled delegate evaluates the whole condition, presence checks and Kleene logic included, in a single
/// call. The skeleton also answers <see cref="CollectMissing"/> and <see cref="Paths"/>.
/// </summary>
internal sealed class TieredCondition : Condition
{
    private readonly Condition _skeleton;
    private readonly Expression<Func<FactScope, Tri>> _fused;
    private Func<FactScope, Tri>? _compiled;
    private int _calls;

    public TieredCondition(Condition skeleton, Expression body, ParameterExpression scope, SourceLocation at, string text)
    {
        _skeleton = skeleton;
        _fused = Expression.Lambda<Func<FactScope, Tri>>(Fuse(body, scope, at, text), scope);
    }

    /// <inheritdoc />
    public override Tri Evaluate(FactScope scope)
    {
        var run = _compiled;
        if (run is not null) return run(scope);
        if (Interlocked.Increment(ref _calls) == Tiering.CompileOnCall) return (_compiled = _fused.Compile())(scope);
        return _skeleton.Evaluate(scope);
    }

    /// <inheritdoc />
    public override void CollectMissing(FactScope scope, ISet<string> into) => _skeleton.CollectMissing(scope, into);

    /// <inheritdoc />
    public override IEnumerable<string> Paths => _skeleton.Paths;

    private static readonly ConstantExpression True = Expression.Constant(Tri.True);
    private static readonly ConstantExpression False = Expression.Constant(Tri.False);
    private static readonly ConstantExpression Unknown = Expression.Constant(Tri.Unknown);

    /// <summary>
    /// The condition as one Tri-valued tree, with exactly the semantics of <see cref="AndCondition"/>,
    /// <see cref="OrCondition"/>, <see cref="NotCondition"/> and <see cref="AtomCondition"/>: left to right, a false
    /// (true) part ends a conjunction (disjunction), and a leaf whose facts are missing is unknown without running.
    /// </summary>
    private static Expression Fuse(Expression body, ParameterExpression scope, SourceLocation at, string text)
    {
        switch (body.NodeType)
        {
            case ExpressionType.AndAlso:
            {
                var b = (BinaryExpression)body;
                return Combine(Fuse(b.Left, scope, at, text), Fuse(b.Right, scope, at, text), stop: False, other: True);
            }
            case ExpressionType.OrElse:
            {
                var b = (BinaryExpression)body;
                return Combine(Fuse(b.Left, scope, at, text), Fuse(b.Right, scope, at, text), stop: True, other: False);
            }
            case ExpressionType.Not when body.Type == typeof(bool):
            {
                var a = Expression.Variable(typeof(Tri), "a");
                return Expression.Block(typeof(Tri), [a],
                    Expression.Assign(a, Fuse(((UnaryExpression)body).Operand, scope, at, text)),
                    Expression.Condition(Expression.Equal(a, True), False, Expression.Condition(Expression.Equal(a, False), True, Unknown)));
            }
            default:
            {
                var (_, masks) = LambdaLanguage.PathsOf(body, scope);
                Expression value = Expression.Condition(LambdaLanguage.Hoist(EvaluationBudget.Instrument(body, at, text)), True, False);
                // Checked in reverse so that the first missing mask, as in AtomCondition, decides first.
                for (var i = masks.Length - 1; i >= 0; i--)
                    value = Expression.Condition(Expression.Call(PresentMethod, scope, Expression.Constant(masks[i])), value, Unknown);
                return value;
            }
        }
    }

    // left == stop ? stop : (right == stop ? stop : (left or right unknown ? Unknown : other))
    private static Expression Combine(Expression left, Expression right, ConstantExpression stop, ConstantExpression other)
    {
        var a = Expression.Variable(typeof(Tri), "a");
        var b = Expression.Variable(typeof(Tri), "b");
        return Expression.Block(typeof(Tri), [a, b],
            Expression.Assign(a, left),
            Expression.Condition(Expression.Equal(a, stop), stop,
                Expression.Block(typeof(Tri),
                    Expression.Assign(b, right),
                    Expression.Condition(Expression.Equal(b, stop), stop,
                        Expression.Condition(Expression.OrElse(Expression.Equal(a, Unknown), Expression.Equal(b, Unknown)), Unknown, other)))));
    }

    private static readonly System.Reflection.MethodInfo PresentMethod =
        typeof(TieredCondition).GetMethod(nameof(Present), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!;

    private static bool Present(FactScope scope, UInt128 mask) => (scope.Presence & mask) != UInt128.Zero;

    /// <summary>Wraps a skeleton built from <paramref name="body"/>.</summary>
    public static Condition Of(Condition skeleton, Expression body, ParameterExpression scope, SourceLocation at, string text) =>
        new TieredCondition(skeleton, body, scope, at, text) { Location = at, Text = text };
}
