using System.Collections;
using System.Globalization;
using System.Text;
using NodaTime;
using Verdict.Decisions;
using Verdict.Diagnostics;
using Verdict.Expressions;
using Verdict.Model;
using Verdict.Syntax;

namespace Verdict.Compilation;

/// <summary>
/// Every action plan of a bundle, compiled. Action ids are global, so <c>after:</c> may point into another plan; an
/// unknown target or a cycle is a load error. A decision selects actions by their conditions and orders the selection
/// topologically, ties broken by id, so the same incident always gets the same plan.
/// </summary>
public sealed class CompiledActions
{
    private readonly Versioned<CompiledPlan>[] _plans;
    // The plans in force change only where an effective period starts or ends: one precomputed action set per
    // stretch between those instants, found by the awareness instant.
    private readonly Instant[] _rangeStarts;
    private readonly ActionSet?[] _sets;

    private CompiledActions(Versioned<CompiledPlan>[] plans)
    {
        _plans = plans;
        var starts = plans.SelectMany(p => p.Periods).SelectMany(p => new[] { p.Start, p.End })
            .Where(i => i != Instant.MaxValue).Distinct().Order().ToArray();
        _rangeStarts = starts;
        _sets = starts.Select(i => ActionSet.Of(plans.Select(p => p.At(i)).Where(p => p is not null).ToList()!)).ToArray();
    }

    /// <summary>A bundle without action plans.</summary>
    public static CompiledActions Empty { get; } = new([]);

    /// <summary>Every plan version.</summary>
    public IEnumerable<CompiledPlan> All => _plans.SelectMany(p => p.All);

    /// <summary>Compiles the plans, then checks ids, <c>after:</c> targets and cycles over all of them.</summary>
    internal static CompiledActions Compile(IEnumerable<ActionPlanDocument> docs, CompileContext ctx, List<Diagnostic> diagnostics)
    {
        var list = docs.ToList();
        var before = diagnostics.Count;
        var owner = new Dictionary<string, string>(StringComparer.Ordinal);
        var edges = new SortedDictionary<string, SortedSet<string>>(StringComparer.Ordinal);
        var places = new Dictionary<string, SourceLocation>(StringComparer.Ordinal);
        foreach (var d in list)
        foreach (var a in d.Actions)
        {
            if (owner.TryGetValue(a.Id, out var other) && other != d.Header.Id)
                diagnostics.Add(Diagnostic.Error(Codes.DuplicatePolicy, $"action id `{a.Id}` is also defined by `{other}`", a.Node.Location,
                    "action ids are global: `after:` refers to them across plans"));
            else owner[a.Id] = d.Header.Id;
            places.TryAdd(a.Id, a.Node.Location);
            if (!edges.TryGetValue(a.Id, out var set)) edges[a.Id] = set = new SortedSet<string>(StringComparer.Ordinal);
            foreach (var after in a.After) set.Add(after.Text);
        }
        foreach (var d in list)
        foreach (var a in d.Actions)
        foreach (var after in a.After)
        {
            if (after.Text == a.Id)
                diagnostics.Add(Diagnostic.Error(Codes.Cycle, $"action `{a.Id}` is after itself", after.Location, "remove it from its own `after:` list"));
            else if (!owner.ContainsKey(after.Text))
                diagnostics.Add(Diagnostic.Error(Codes.UnknownReference, $"action `{a.Id}` comes after unknown action `{after.Text}`", after.Location,
                    Suggest.Nearest(after.Text, owner.Keys) is { } near ? $"did you mean `{near}`?" : "name an action of a plan in this bundle"));
        }
        if (diagnostics.Count == before)
            foreach (var cycle in Cycles(edges))
                diagnostics.Add(Diagnostic.Error(Codes.Cycle,
                    $"actions {string.Join(", ", cycle.Distinct().Order(StringComparer.Ordinal).Select(c => $"`{c}`"))} wait on each other: {string.Join(" → ", cycle)}",
                    places[cycle[0]], "remove one of these `after:` entries so that the plan has a first step"));

        var plans = new List<Versioned<CompiledPlan>>();
        foreach (var group in list.GroupBy(d => d.Header.Id).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var compiled = new List<CompiledPlan>();
            foreach (var d in group.OrderBy(d => d.Header.From))
            {
                try { compiled.Add(new CompiledPlan(d, ctx)); }
                catch (VerdictException e) { diagnostics.AddRange(e.Diagnostics); }
            }
            if (compiled.Count > 0) plans.Add(new Versioned<CompiledPlan>(compiled, p => p.Document.Header));
        }
        // With errors the bundle is not used; indexing duplicate ids would only fail again.
        return plans.Count == 0 || diagnostics.Count > before ? Empty : new CompiledActions(plans.ToArray());
    }

    /// <summary>
    /// Each cycle once, as a path that returns to its start (<c>a → b → a</c>), found by a depth-first walk in id order
    /// so the report is the same on every run. An edge x → y means "x comes after y".
    /// </summary>
    internal static List<List<string>> Cycles(IReadOnlyDictionary<string, SortedSet<string>> edges)
    {
        var state = new Dictionary<string, int>(StringComparer.Ordinal); // 1 on the stack, 2 done
        var stack = new List<string>();
        var found = new List<List<string>>();
        void Visit(string n)
        {
            state[n] = 1;
            stack.Add(n);
            if (edges.TryGetValue(n, out var next))
                foreach (var m in next)
                {
                    var s = state.GetValueOrDefault(m);
                    if (s == 1) found.Add([.. stack.Skip(stack.IndexOf(m)), m]);
                    else if (s == 0 && edges.ContainsKey(m)) Visit(m);
                }
            stack.RemoveAt(stack.Count - 1);
            state[n] = 2;
        }
        foreach (var n in edges.Keys.Order(StringComparer.Ordinal))
            if (state.GetValueOrDefault(n) == 0) Visit(n);
        return found;
    }

    /// <summary>
    /// The plan for one incident. Dependencies on actions that were not selected pass through them, so
    /// "c after b after a" still puts c after a when b does not apply.
    /// </summary>
    internal IReadOnlyList<ActionStep> Plan(FactScope scope, Instant aware, List<TraceEntry>? trace, Pipeline.DecisionContext? ctx = null)
    {
        var at = Array.BinarySearch(_rangeStarts, aware);
        if (at < 0) at = ~at - 1;
        return at < 0 || _sets[at] is not { } set ? [] : set.Plan(scope, trace, ctx);
    }
}

/// <summary>
/// The actions of the plans in force over one date range, sorted by id, with <c>after:</c> resolved to indices, so
/// that "smallest id first" is "smallest index first" and a decision works on arrays.
/// </summary>
internal sealed class ActionSet
{
    private readonly CompiledAction[] _actions;
    private readonly string[] _policy;
    private readonly int[][] _after;

    private ActionSet(CompiledAction[] actions, string[] policy, int[][] after)
    {
        _actions = actions;
        _policy = policy;
        _after = after;
    }

    public static ActionSet? Of(IReadOnlyList<CompiledPlan> plans)
    {
        var all = plans.SelectMany(p => p.Actions.Select(a => (Action: a, p.Ref))).OrderBy(x => x.Action.Spec.Id, StringComparer.Ordinal).ToArray();
        if (all.Length == 0) return null;
        var index = all.Select((x, i) => (x.Action.Spec.Id, i)).ToDictionary(x => x.Id, x => x.i, StringComparer.Ordinal);
        return new ActionSet(all.Select(x => x.Action).ToArray(), all.Select(x => x.Ref).ToArray(),
            all.Select(x => x.Action.Spec.After.Where(a => index.ContainsKey(a.Text)).Select(a => index[a.Text]).Distinct().Order().ToArray()).ToArray());
    }

    public IReadOnlyList<ActionStep> Plan(FactScope scope, List<TraceEntry>? trace, Pipeline.DecisionContext? ctx = null)
    {
        var n = _actions.Length;
        var instances = new List<IReadOnlyDictionary<string, string>>[n];
        var selected = new bool[n];
        for (var i = 0; i < n; i++)
        {
            // An action whose condition fails is not selected and is reported; the others are still planned.
            try { instances[i] = _actions[i].Instances(scope, _policy[i], trace); }
            catch (VerdictException e) when (ctx is not null)
            {
                ctx.Fail("actions", _policy[i], _actions[i].Spec.Id, e);
                instances[i] = [];
            }
            selected[i] = instances[i].Count > 0;
        }

        // Direct predecessors among the selected actions, looking through unselected ones; `declared` marks those
        // the author wrote, the others came through a skipped action.
        var preds = new List<int>[n];
        var declared = new List<bool>[n];
        var seen = new bool[n];
        var stack = new Stack<int>();
        for (var i = 0; i < n; i++)
        {
            if (!selected[i]) continue;
            preds[i] = [];
            declared[i] = [];
            Array.Clear(seen);
            foreach (var a in _after[i]) stack.Push(a);
            while (stack.Count > 0)
            {
                var x = stack.Pop();
                if (seen[x]) continue;
                seen[x] = true;
                if (selected[x]) { preds[i].Add(x); declared[i].Add(Array.IndexOf(_after[i], x) >= 0); }
                else foreach (var y in _after[x]) stack.Push(y);
            }
        }

        // Kahn's algorithm; taking the smallest ready index is taking the smallest id.
        var waiting = new int[n];
        var done = new bool[n];
        for (var i = 0; i < n; i++) if (selected[i]) waiting[i] = preds[i].Count;
        var order = new List<int>(n);
        while (true)
        {
            var next = -1;
            for (var i = 0; i < n && next < 0; i++)
                if (selected[i] && !done[i] && waiting[i] == 0) next = i;
            if (next < 0) break;
            done[next] = true;
            order.Add(next);
            for (var i = 0; i < n; i++)
                if (selected[i] && !done[i] && preds[i].Contains(next)) waiting[i]--;
        }

        // Ancestors in plan order, to drop pass-through predecessors another predecessor already implies.
        var ancestors = new HashSet<int>[n];
        var steps = new List<ActionStep>();
        foreach (var i in order)
        {
            var anc = ancestors[i] = [];
            foreach (var p in preds[i]) { anc.Add(p); anc.UnionWith(ancestors[p]); }
            var after = new List<string>(preds[i].Count);
            var kept = preds[i].Select((p, k) => (p, k))
                .Where(x => declared[i][x.k] || !preds[i].Any(q => q != x.p && ancestors[q].Contains(x.p)))
                .Select(x => x.p).Order();
            foreach (var p in kept) after.Add(_actions[p].Spec.Id);
            foreach (var ps in instances[i])
                steps.Add(new ActionStep(_actions[i].Spec.Id, steps.Count + 1, after, ps, _actions[i].Spec.Title, _policy[i]));
        }
        return steps;
    }
}

/// <summary>One version of one action plan, compiled.</summary>
public sealed class CompiledPlan
{
    /// <summary>The source document.</summary>
    public ActionPlanDocument Document { get; }

    /// <summary><c>id@version</c>.</summary>
    public string Ref => Document.Header.Ref;

    internal IReadOnlyList<CompiledAction> Actions { get; }

    internal CompiledPlan(ActionPlanDocument doc, CompileContext ctx)
    {
        Document = doc;
        var lang = ctx.Language(doc.Header.Language, doc.Location);
        var errors = new List<Diagnostic>();
        var actions = new List<CompiledAction>();
        foreach (var a in doc.Actions)
        {
            try { actions.Add(CompiledAction.Compile(a, lang)); }
            catch (VerdictException e) { errors.AddRange(e.Diagnostics); }
        }
        if (errors.Count > 0) throw new VerdictException(errors);
        Actions = actions;
    }
}

/// <summary>An action's condition, parameter templates and optional fan-out list, compiled.</summary>
internal sealed class CompiledAction
{
    public required ActionSpec Spec { get; init; }
    public required Condition? When { get; init; }
    public required (string Name, Template Value)[] Params { get; init; }
    public required ValueExpression? ForEach { get; init; }

    public static CompiledAction Compile(ActionSpec spec, IConditionLanguage lang)
    {
        var errors = new List<Diagnostic>();
        T? Try<T>(Func<T> f) where T : class
        {
            try { return f(); }
            catch (VerdictException e) { errors.AddRange(e.Diagnostics); return null; }
        }
        var when = spec.When is { } w ? Try(() => lang.CompileCondition(w.Text, w.Location, w.ContentOffset)) : null;
        var parameters = spec.Params.Select(p => (p.Key, Try(() => Template.Compile(p.Value, lang)))).ToArray();
        ValueExpression? each = null;
        if (spec.ForEach is { } fe)
        {
            each = Try(() => lang.CompileValue(fe.In.Text, fe.In.Location, fe.In.ContentOffset));
            if (each is not null && (each.Type == typeof(string) || !typeof(IEnumerable<string>).IsAssignableFrom(each.Type)))
                errors.Add(Diagnostic.Error(Codes.ExpressionType, $"`forEach.in` of action `{spec.Id}` must give a list of text", fe.In.Location,
                    "select the ids to act on, e.g. `ai.systems.Select(id)` or `source.credentials`"));
            if (spec.Params.Any(p => p.Key == fe.Param))
                errors.Add(Diagnostic.Error(Codes.DuplicateKey, $"action `{spec.Id}` sets parameter `{fe.Param}` in both `params` and `forEach`",
                    spec.Node.Get("forEach")!.Location, "drop it from `params`: forEach fills it with each element"));
        }
        if (errors.Count > 0) throw new VerdictException(errors);
        return new CompiledAction { Spec = spec, When = when, Params = parameters!, ForEach = each };
    }

    /// <summary>The parameter sets this action runs with in this incident: none when it does not apply.</summary>
    public List<IReadOnlyDictionary<string, string>> Instances(FactScope scope, string policy, List<TraceEntry>? trace)
    {
        if (When is not null)
        {
            var t = When.Evaluate(scope);
            trace?.Add(new TraceEntry("actions", policy, Spec.Id, CompiledSeverity.Word(t), When.Text));
            if (t == Tri.False || (t == Tri.Unknown && !Spec.IncludeWhenUnknown)) return [];
        }
        else trace?.Add(new TraceEntry("actions", policy, Spec.Id, "matched", "always"));
        var fixedParams = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in Params) fixedParams[name] = value.Render(scope);
        if (ForEach is null) return [fixedParams];

        if (!ForEach.IsKnown(scope))
        {
            trace?.Add(new TraceEntry("actions", policy, Spec.Id, "unknown", $"forEach needs {string.Join(", ", ForEach.Missing(scope))}"));
            return [];
        }
        var values = new List<string>();
        foreach (var v in (IEnumerable<string>?)ForEach.Read(scope) ?? []) if (!string.IsNullOrEmpty(v)) values.Add(v);
        values.Sort(StringComparer.Ordinal);
        var result = new List<IReadOnlyDictionary<string, string>>(values.Count);
        for (var i = 0; i < values.Count; i++)
            if (i == 0 || values[i] != values[i - 1])
                result.Add(new SortedDictionary<string, string>(fixedParams, StringComparer.Ordinal) { [Spec.ForEach!.Param] = values[i] });
        return result;
    }
}

/// <summary>
/// A parameter template: text with <c>{expression}</c> placeholders (<c>{{</c> and <c>}}</c> for literal braces).
/// A placeholder whose facts are missing renders as <c>&lt;missing path&gt;</c>, so the gap shows in the plan.
/// </summary>
internal sealed class Template
{
    private readonly object[] _parts; // string literals and ValueExpressions

    private Template(object[] parts) => _parts = parts;

    public static Template Compile(Located text, IConditionLanguage lang)
    {
        var parts = new List<object>();
        var literal = new StringBuilder();
        var s = text.Text;
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            if ((c == '{' || c == '}') && i + 1 < s.Length && s[i + 1] == c) { literal.Append(c); i++; continue; }
            if (c == '}')
                throw VerdictException.Single(Codes.ExpressionSyntax, $"unmatched `}}` in `{s}`", Shift(text, i), "write `}}` for a literal brace");
            if (c != '{') { literal.Append(c); continue; }
            var end = s.IndexOf('}', i + 1);
            if (end < 0)
                throw VerdictException.Single(Codes.ExpressionSyntax, $"unclosed `{{` in `{s}`", Shift(text, i), "close the placeholder: `{source.connectedApp}`");
            if (literal.Length > 0) { parts.Add(literal.ToString()); literal.Clear(); }
            parts.Add(lang.CompileValue(s[(i + 1)..end], text.Location, text.ContentOffset + i + 1));
            i = end;
        }
        if (literal.Length > 0) parts.Add(literal.ToString());
        return new Template(parts.ToArray());
    }

    private static SourceLocation Shift(Located l, int i) => new(l.Location.File, l.Location.Line, l.Location.Column + l.ContentOffset + i);

    public string Render(FactScope scope)
    {
        if (_parts is [string only]) return only;
        var sb = new StringBuilder();
        foreach (var p in _parts)
        {
            if (p is string lit) { sb.Append(lit); continue; }
            var e = (ValueExpression)p;
            if (!e.IsKnown(scope)) { sb.Append("<missing ").Append(string.Join(", ", e.Missing(scope))).Append('>'); continue; }
            sb.Append(Show(e.Read(scope)));
        }
        return sb.ToString();
    }

    private static string Show(object? v) => v switch
    {
        null => "",
        string s => s,
        bool b => b ? "true" : "false",
        Instant at => InstantText.Format(at),
        IEnumerable items => string.Join(",", items.Cast<object?>().Select(Show)),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => v.ToString() ?? "",
    };
}
