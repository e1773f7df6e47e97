using Acornima;
using Acornima.Ast;
using Jint;
using Jint.Native;
using Jint.Runtime;
using Verdict.Diagnostics;
using SourceLocation = Verdict.Diagnostics.SourceLocation;
using Verdict.Expressions;
using Verdict.Model;
using Verdict.Scripting.Js;

namespace Verdict.Scripting;

/// <summary>
/// The <c>js</c> condition language (Jint). Expressions are checked and prepared once per bundle; each thread evaluates
/// them on its own locked-down engine, over a frozen copy of the decision's facts, within the bundle's
/// <see cref="ScriptLimits"/>. A script that breaks a limit fails that evaluation with <c>VD1206</c>; the engine is
/// then thrown away, so the next decision starts clean.
/// </summary>
public sealed class JsLanguage : IConditionLanguage
{
    private readonly ScriptLimits _limits;
    private readonly LiteralRules _literals;
    private readonly Func<string, IReadOnlyList<PolicyFunction>> _functionsOf;
    private readonly Dictionary<string, JsFunctionSet> _functions = new(StringComparer.Ordinal);
    private readonly ThreadLocal<JsRuntime?> _runtime = new();
    private int _leaves;

    /// <summary>Creates the language for one bundle.</summary>
    /// <param name="limits">Per-evaluation limits (the manifest's <c>limits:</c>); defaults when null.</param>
    /// <param name="functionsOf">The <c>functions:</c> of the policy in a given file (see <see cref="PolicyFunctions.Of"/>).</param>
    /// <param name="literals">The bundle's literal checks (regimes, jurisdiction groups); the built-in vocabularies when null.</param>
    public JsLanguage(ScriptLimits? limits = null, Func<string, IReadOnlyList<PolicyFunction>>? functionsOf = null, LiteralRules? literals = null)
    {
        _literals = literals ?? LiteralRules.Default;
        _limits = limits ?? new ScriptLimits();
        _functionsOf = functionsOf ?? PolicyFunctions.None;
    }

    /// <inheritdoc />
    public string Name => "js";

    /// <summary>The limits each evaluation runs under.</summary>
    public ScriptLimits Limits => _limits;

    /// <inheritdoc />
    public Condition CompileCondition(string text, SourceLocation at, int contentOffset)
    {
        var functions = FunctionsFor(at.File);
        var root = JsAnalyzer.ParseExpression(text, at, contentOffset);
        JsAnalyzer.CheckNames(root, text, at, contentOffset, functions.Names);
        JsLiterals.Check(root, text, at, contentOffset, _literals);
        return Split(root, text, at, contentOffset, functions);
    }

    /// <inheritdoc />
    public ValueExpression CompileValue(string text, SourceLocation at, int contentOffset)
    {
        var functions = FunctionsFor(at.File);
        var root = JsAnalyzer.ParseExpression(text, at, contentOffset);
        JsAnalyzer.CheckNames(root, text, at, contentOffset, functions.Names);
        JsLiterals.Check(root, text, at, contentOffset, _literals);
        var leaf = Leaf(text, at, functions);
        var paths = JsAnalyzer.Paths(root, functions.Paths);
        Func<FactScope, object?> read = s => ToClr(Run(leaf, s));
        return JsAnalyzer.KindOf(root) switch
        {
            JsKind.Number => ValueExpression.Create(read, typeof(double), paths, at, text, (Func<FactScope, double>)(s => Number(leaf, Run(leaf, s)))),
            JsKind.Text => ValueExpression.Create(read, typeof(string), paths, at, text, (Func<FactScope, string>)(s => Text(leaf, Run(leaf, s)))),
            JsKind.Bool => ValueExpression.Create(read, typeof(bool), paths, at, text, (Func<FactScope, bool>)(s => TypeConverter.ToBoolean(Run(leaf, s)))),
            JsKind.List => ValueExpression.Create(read, typeof(IReadOnlyList<string>), paths, at, text, (Func<FactScope, IReadOnlyList<string>>)(s => List(leaf, Run(leaf, s)))),
            _ => ValueExpression.Create(read, typeof(object), paths, at, text),
        };
    }

    private Condition Split(Expression e, string text, SourceLocation at, int offset, JsFunctionSet functions)
    {
        var place = SourceMap.At(at, offset, text, e.Start);
        var part = text[e.Start..e.End];
        switch (e)
        {
            case ParenthesizedExpression p:
                return Split(p.Expression, text, at, offset, functions);
            case LogicalExpression { Operator: Operator.LogicalAnd } l:
                return Condition.All([Split(l.Left, text, at, offset, functions), Split(l.Right, text, at, offset, functions)], place, part);
            case LogicalExpression { Operator: Operator.LogicalOr } l:
                return Condition.Any([Split(l.Left, text, at, offset, functions), Split(l.Right, text, at, offset, functions)], place, part);
            case UnaryExpression { Operator: Operator.LogicalNot } u:
                return Condition.Negate(Split(u.Argument, text, at, offset, functions), place, part);
            default:
            {
                var leaf = Leaf(part, place, functions);
                return Condition.FromPredicate(s => TypeConverter.ToBoolean(Run(leaf, s)), JsAnalyzer.Paths(e, functions.Paths), place, part);
            }
        }
    }

    private JsLeaf Leaf(string text, SourceLocation at, JsFunctionSet functions)
    {
        var source = JsLeaf.Wrap(text, functions);
        var prepared = Engine.PrepareScript(source, source: at.ToString(), strict: true);
        return new JsLeaf(Interlocked.Increment(ref _leaves) - 1, text, at, prepared);
    }

    private JsFunctionSet FunctionsFor(string file)
    {
        lock (_functions)
        {
            if (_functions.TryGetValue(file, out var set)) return set;
            return _functions[file] = JsFunctionSet.Compile(_functionsOf(file), _literals);
        }
    }

    /// <summary>Evaluates a leaf on this thread's engine, turning every way a script can fail into a located diagnostic.</summary>
    private JsValue Run(JsLeaf leaf, FactScope scope)
    {
        var runtime = _runtime.Value ??= new JsRuntime(_limits);
        try
        {
            return runtime.Run(leaf, scope);
        }
        catch (StatementsCountOverflowException)
        {
            throw Limit(leaf, $"ran more than `{_limits.MaxStatements}` statements", "jsMaxStatements", "look for a loop that never ends");
        }
        catch (Exception e) when (e is TimeoutException or System.Text.RegularExpressions.RegexMatchTimeoutException)
        {
            // wall-clock time is not the same on every machine: it may fail this request, never decide differently
            _runtime.Value = null;
            throw new ScriptSafetyNetException($"js condition `{Short(leaf.Text)}` at {leaf.Location} ran longer than the host's safety net of {_limits.TimeoutMs} ms");
        }
        catch (MemoryLimitExceededException)
        {
            throw Limit(leaf, $"allocated more than `{_limits.MemoryBytes}` bytes", "jsMemoryBytes", "a condition should not build large strings or arrays");
        }
        catch (RecursionDepthOverflowException)
        {
            throw Limit(leaf, $"nested calls deeper than `{_limits.Recursion}`", "jsRecursion", "look for a function that calls itself without end");
        }
        catch (ScriptRefusedException e)
        {
            throw VerdictException.Single(Codes.ForbiddenMember, $"js condition `{leaf.Text}` used {e.What}, which is not available in conditions",
                leaf.Location, e.Why);
        }
        catch (JavaScriptException e) when (IsStackOverflow(e))
        {
            throw Limit(leaf, "nested calls too deep for the stack", "jsRecursion", "look for a function that calls itself without end");
        }
        catch (JavaScriptException e)
        {
            throw VerdictException.Single(Codes.EvaluationFailed, $"js condition `{leaf.Text}` failed: {e.Message}", leaf.Location,
                "the script threw an error; check that the facts it reads have the shape it expects");
        }
        catch (Exception e) when (e is JintException or InvalidOperationException or InsufficientExecutionStackException or OutOfMemoryException)
        {
            _runtime.Value = null;
            throw VerdictException.Single(Codes.EvaluationFailed, $"js condition `{leaf.Text}` failed: {e.Message}", leaf.Location,
                "the script could not be run; simplify it");
        }
    }

    private static bool IsStackOverflow(JavaScriptException e) => e.Message.Contains("call stack size exceeded", StringComparison.Ordinal);

    private VerdictException Limit(JsLeaf leaf, string what, string setting, string help)
    {
        _runtime.Value = null; // a fresh engine for whatever runs next on this thread
        return VerdictException.Single(Codes.ScriptLimit, $"js condition `{Short(leaf.Text)}` {what}", leaf.Location,
            $"{help}; the limit is `limits.{setting}` in bundle.yaml");
    }

    private static string Short(string text)
    {
        var t = string.Join(' ', text.Split((char[])['\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries)).Trim();
        return t.Length <= 60 ? t : t[..57] + "...";
    }

    private static double Number(JsLeaf leaf, JsValue v) =>
        v.IsNumber() ? v.AsNumber() : throw Mismatch(leaf, v, "a number");

    private static string Text(JsLeaf leaf, JsValue v) =>
        v.IsString() ? v.AsString() : throw Mismatch(leaf, v, "text");

    private static IReadOnlyList<string> List(JsLeaf leaf, JsValue v)
    {
        if (v is not JsArray a) throw Mismatch(leaf, v, "a list");
        var n = (int)a.Length;
        var list = new string[n];
        for (var i = 0; i < n; i++) list[i] = TypeConverter.ToString(a.Get((uint)i));
        return list;
    }

    private static VerdictException Mismatch(JsLeaf leaf, JsValue v, string expected) =>
        VerdictException.Single(Codes.ExpressionType, $"js value `{Short(leaf.Text)}` gave {Word(v)}, expected {expected}", leaf.Location,
            "convert it: Number(…), String(…) or a list of text");

    private static string Word(JsValue v) =>
        v.IsNumber() ? "a number" : v.IsString() ? "text" : v.IsBoolean() ? "true/false" : v.IsArray() ? "a list" : v.IsNull() || v.IsUndefined() ? "nothing" : "an object";

    private static object? ToClr(JsValue v) =>
        v.IsNumber() ? v.AsNumber() : v.IsString() ? v.AsString() : v.IsBoolean() ? v.AsBoolean() :
        v is JsArray a ? Enumerable.Range(0, (int)a.Length).Select(i => TypeConverter.ToString(a.Get((uint)i))).ToList() :
        v.IsNull() || v.IsUndefined() ? null : TypeConverter.ToString(v);
}

/// <summary>
/// A script ran past the host's wall-clock safety net. Not a <see cref="VerdictException"/>: the request fails (and can
/// be retried), but no decision is made from it, because elapsed time differs from machine to machine.
/// </summary>
public sealed class ScriptSafetyNetException(string message) : Exception(message);
