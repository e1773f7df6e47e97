using System.Linq.Expressions;
using System.Reflection;
using System.Runtime.CompilerServices;
using Verdict.Diagnostics;

namespace Verdict.Expressions;

/// <summary>
/// A deterministic budget for lambda expressions. Loops are where an expression's cost hides (<c>Any</c> inside
/// <c>Any</c> over fact lists multiplies their sizes), so every call of a nested lambda counts one step and every
/// collection handed whole to a LINQ method (<c>Contains</c>, <c>Intersect</c>, <c>Distinct</c>, …) counts its size. The
/// count depends only on the expression and the facts, so a condition that runs out does so on every machine, with a
/// located error instead of running for an hour.
/// </summary>
public static class EvaluationBudget
{
    /// <summary>Steps one evaluation of one condition part may take.</summary>
    public const long MaxSteps = 2_000_000;

    [ThreadStatic] private static long t_steps;
    [ThreadStatic] private static Site? t_site;

    /// <summary>Where an instrumented expression was written, for the error.</summary>
    public sealed class Site(SourceLocation at, string text)
    {
        internal readonly SourceLocation At = at;
        internal readonly string Text = text;
    }

    /// <summary>Starts counting for one evaluation.</summary>
    public static void Enter(Site site)
    {
        t_steps = 0;
        t_site = site;
    }

    /// <summary>One call of a nested lambda.</summary>
    public static void Step()
    {
        if (++t_steps > MaxSteps) Exceeded();
    }

    /// <summary>A collection handed whole to a method: its size counts.</summary>
    public static T Charge<T>(T source)
    {
        var n = source switch
        {
            System.Collections.ICollection c => c.Count,
            string s => s.Length,
            _ => 1,
        };
        if ((t_steps += n) > MaxSteps) Exceeded();
        return source;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void Exceeded()
    {
        var site = t_site;
        var text = site?.Text ?? "";
        var shown = text.Length <= 60 ? text : text[..57] + "...";
        throw VerdictException.Single(Codes.EvaluationBudget,
            $"condition `{shown}` needs more than {MaxSteps} steps over these facts", site?.At,
            "nested Any/All/Where over fact lists multiply their sizes: narrow the inner lists first, or test a simpler fact");
    }

    private static readonly MethodInfo EnterMethod = typeof(EvaluationBudget).GetMethod(nameof(Enter))!;
    private static readonly MethodInfo StepMethod = typeof(EvaluationBudget).GetMethod(nameof(Step))!;
    private static readonly MethodInfo ChargeMethod = typeof(EvaluationBudget).GetMethod(nameof(Charge))!;

    /// <summary>
    /// The same expression, counting its steps: nested lambda bodies call <see cref="Step"/>, whole collections pass
    /// through <see cref="Charge"/>, and the expression starts with <see cref="Enter"/>. An expression without loops is
    /// returned as it is (nothing to count, nothing to pay).
    /// </summary>
    internal static Expression Instrument(Expression leaf, SourceLocation at, string text)
    {
        var v = new Instrumenter();
        var counted = v.Visit(leaf);
        if (!v.Changed) return leaf;
        return Expression.Block(leaf.Type, Expression.Call(EnterMethod, Expression.Constant(new Site(at, text))), counted);
    }

    private sealed class Instrumenter : ExpressionVisitor
    {
        public bool Changed;

        protected override Expression VisitLambda<T>(Expression<T> node)
        {
            var body = Visit(node.Body);
            Changed = true;
            return Expression.Lambda<T>(Expression.Block(body.Type, Expression.Call(StepMethod), body), node.Name, node.TailCall, node.Parameters);
        }

        protected override Expression VisitMethodCall(MethodCallExpression node)
        {
            var visited = (MethodCallExpression)base.VisitMethodCall(node);
            var t = visited.Method.DeclaringType;
            var linq = t == typeof(Enumerable);
            var collection = t is { Namespace: "System.Collections.Generic" } && visited.Method.Name is "Contains" or "IndexOf";
            if (!linq && !collection) return visited;
            Changed = true;
            if (collection && visited.Object is { } target)
                return visited.Update(Charged(target), visited.Arguments);
            // whole collections, not those a lambda walks (its steps count already)
            var args = visited.Arguments.Select(a => a.Type != typeof(string) && typeof(System.Collections.IEnumerable).IsAssignableFrom(a.Type) && !visited.Arguments.Any(x => x is LambdaExpression)
                ? Charged(a) : a).ToArray();
            return visited.Update(visited.Object, args);
        }

        private static Expression Charged(Expression e) => Expression.Call(ChargeMethod.MakeGenericMethod(e.Type), e);
    }
}
