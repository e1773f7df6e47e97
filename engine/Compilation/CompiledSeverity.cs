using System.Globalization;
using Verdict.Decisions;
using Verdict.Diagnostics;
using Verdict.Expressions;
using Verdict.Model;

namespace Verdict.Compilation;

/// <summary>A severity matrix compiled into input readers, cell tests and modifier conditions.</summary>
public sealed class CompiledSeverity
{
    private readonly CompiledInput[] _inputs;
    private readonly CompiledRow[] _rows;
    private readonly CompiledModifier[] _modifiers;
    private readonly string _hitPolicy;

    /// <summary>The source document.</summary>
    public SeverityMatrixDocument Document { get; }

    /// <summary><c>id@version</c>.</summary>
    public string Ref => Document.Header.Ref;

    internal CompiledSeverity(SeverityMatrixDocument doc, IConditionLanguage language)
    {
        Document = doc;
        _hitPolicy = doc.HitPolicy;
        var errors = new List<Diagnostic>();
        _inputs = doc.Inputs.Select(i => Try(errors, () => CompiledInput.Compile(i, language))).ToArray()!;
        if (errors.Count > 0) throw new VerdictException(errors);
        var byId = _inputs.Select((x, i) => (x.Spec.Id, i)).ToDictionary(x => x.Id, x => x.i, StringComparer.Ordinal);
        _rows = doc.Rows.Select(r => Try(errors, () =>
        {
            var cells = new Cell?[_inputs.Length];
            foreach (var (inputId, cellNode) in r.Cells)
            {
                if (!byId.TryGetValue(inputId, out var idx))
                    throw VerdictException.Single(Codes.UnknownReference, $"row `{r.Id}` tests unknown input `{inputId}`", cellNode.Location,
                        Suggest.Nearest(inputId, byId.Keys) is { } near ? $"did you mean `{near}`?" : $"inputs are: {string.Join(", ", byId.Keys)}");
                cells[idx] = Cell.Compile(cellNode, _inputs[idx].Kind, inputId);
            }
            return new CompiledRow(r, cells, SeverityView.RankOf(r.Level));
        })).ToArray()!;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var r in doc.Rows)
            if (!seen.Add(r.Id))
                errors.Add(Diagnostic.Error(Codes.DuplicatePolicy, $"row id `{r.Id}` is used twice", r.Node.Location, "give every row its own id"));
        _modifiers = doc.Modifiers.Select(m => Try(errors, () =>
            new CompiledModifier(m, language.CompileCondition(m.When.Text, m.When.Location, m.When.ContentOffset)))).ToArray()!;
        if (errors.Count > 0) throw new VerdictException(errors);
    }

    private static T? Try<T>(List<Diagnostic> errors, Func<T> f) where T : class
    {
        try { return f(); }
        catch (VerdictException e) { errors.AddRange(e.Diagnostics); return null; }
    }

    /// <summary>The inputs, for analysis by the linter.</summary>
    public IReadOnlyList<CompiledInput> Inputs => _inputs;

    /// <summary>The rows, for analysis by the linter.</summary>
    public IReadOnlyList<CompiledRow> Rows => _rows;

    /// <summary>Decides the severity. Throws <see cref="VerdictException"/> when a unique table matches no row or several.</summary>
    public SeverityResult Evaluate(FactScope scope, List<TraceEntry>? trace)
    {
        var values = new InputValue[_inputs.Length];
        for (var i = 0; i < _inputs.Length; i++) values[i] = _inputs[i].Read(scope);

        var matched = new List<CompiledRow>(2);
        var unknownRows = new List<CompiledRow>();
        var firstUnknownBeforeHit = false;
        foreach (var row in _rows)
        {
            var r = row.Match(values);
            trace?.Add(new TraceEntry("severity", Ref, row.Spec.Id, Word(r), row.Describe(values, _inputs)));
            if (r == Tri.True)
            {
                matched.Add(row);
                if (_hitPolicy == "first") break;
            }
            else if (r == Tri.Unknown)
            {
                unknownRows.Add(row);
                if (_hitPolicy == "first" && matched.Count == 0) firstUnknownBeforeHit = true;
            }
        }

        var missing = new SortedSet<string>(StringComparer.Ordinal);
        var indeterminate = _hitPolicy switch
        {
            "first" => firstUnknownBeforeHit,
            "unique" => unknownRows.Count > 0,
            _ => unknownRows.Any(u => u.Rank > (matched.Count == 0 ? -1 : matched.Max(m => m.Rank))),
        };
        if (indeterminate)
        {
            foreach (var u in unknownRows) u.CollectMissing(values, _inputs, missing);
            return Indeterminate(missing, $"the matrix needs facts the incident does not give: {string.Join(", ", missing)}");
        }
        if (matched.Count == 0)
            throw VerdictException.Single(Codes.UniqueNoHit, $"no row of severity matrix `{Ref}` matches this incident", Document.Location,
                "add a row for this case, or a last catch-all row (policy-lint reports such gaps with an example)");
        if (_hitPolicy == "unique" && matched.Count > 1)
            throw VerdictException.Single(Codes.UniqueMultipleHits,
                $"unique severity matrix `{Ref}` matches rows {string.Join(", ", matched.Select(m => $"`{m.Spec.Id}`"))}",
                matched[1].Spec.Node.Location, "make the rows exclusive, or use hit policy `first` or `priority`");

        var chosen = _hitPolicy switch
        {
            "priority" => [matched.OrderByDescending(m => m.Rank).First()],
            "collect" => matched,
            _ => matched.Take(1).ToList(),
        };
        var rank = chosen.Max(c => c.Rank);
        var reasons = new List<string>();
        foreach (var c in chosen)
            reasons.Add($"{c.Spec.Id} ({c.Spec.Level}): {c.Spec.Rationale ?? c.Describe(values, _inputs)}");

        var applied = new List<string>();
        foreach (var m in _modifiers)
        {
            var r = m.When.Evaluate(scope);
            trace?.Add(new TraceEntry("severity", Ref, m.Spec.Id, Word(r), m.Spec.When.Text));
            if (r == Tri.False) continue;
            if (r == Tri.Unknown)
            {
                var mm = new SortedSet<string>(StringComparer.Ordinal);
                m.When.CollectMissing(scope, mm);
                if (m.Spec.SkipWhenUnknown)
                {
                    reasons.Add($"{m.Spec.Id} not applied: unknown without {string.Join(", ", mm)}");
                    continue;
                }
                return Indeterminate(mm, $"modifier {m.Spec.Id} needs {string.Join(", ", mm)}");
            }
            var before = rank;
            rank = Math.Clamp(rank + m.Spec.Adjust, 0, 3);
            if (m.Spec.AtLeast is { } least) rank = Math.Max(rank, SeverityView.RankOf(least));
            if (m.Spec.AtMost is { } most) rank = Math.Min(rank, SeverityView.RankOf(most));
            applied.Add(m.Spec.Id);
            var change = rank == before ? "no change" : $"{SeverityView.Levels[before]} → {SeverityView.Levels[rank]}";
            reasons.Add($"{m.Spec.Id} ({change}): {m.Spec.Rationale ?? m.Spec.When.Text}");
        }
        scope.SetSeverity(rank);
        return new SeverityResult(SeverityView.Levels[rank], Ref, chosen.Select(c => c.Spec.Id).ToList(), applied, reasons, []);
    }

    private SeverityResult Indeterminate(SortedSet<string> missing, string reason) =>
        new("indeterminate", Ref, [], [], [reason], missing.ToList());

    internal static string Word(Tri t) => t switch { Tri.True => "matched", Tri.False => "not matched", _ => "unknown" };
}

/// <summary>A compiled table input.</summary>
public sealed class CompiledInput
{
    public required MatrixInput Spec { get; init; }
    public required InputKind Kind { get; init; }
    public required ValueExpression Expression { get; init; }

    internal static CompiledInput Compile(MatrixInput spec, IConditionLanguage language)
    {
        var e = language.CompileValue(spec.Expression.Text, spec.Expression.Location, spec.Expression.ContentOffset);
        var raw = e.Typed switch
        {
            Func<FactScope, double> => InputKind.Number,
            Func<FactScope, bool> => InputKind.Bool,
            Func<FactScope, string> => InputKind.Text,
            Func<FactScope, IReadOnlyList<string>> => InputKind.List,
            _ => throw VerdictException.Single(Codes.ExpressionType, $"input `{spec.Id}` must be a number, text, true/false or a list of text",
                spec.Expression.Location, "point the input at a fact such as `data.records` or `data.categories`"),
        };
        if (spec.Scores is not null && raw is not (InputKind.Text or InputKind.List))
            throw VerdictException.Single(Codes.ExpressionType, $"input `{spec.Id}` has scores, so it must read text or a list of text",
                spec.Expression.Location);
        return new CompiledInput { Spec = spec, Kind = spec.Scores is not null ? InputKind.Number : raw, Expression = e };
    }

    /// <summary>Reads the input for one decision.</summary>
    public InputValue Read(FactScope scope)
    {
        var v = new InputValue { Known = Expression.IsKnown(scope) };
        if (!v.Known) return v;
        switch (Expression.Typed)
        {
            case Func<FactScope, double> num: v.Number = num(scope); break;
            case Func<FactScope, bool> b: v.Bool = b(scope); break;
            case Func<FactScope, string> s:
                v.Text = s(scope);
                if (Spec.Scores is { } sc) v.Number = sc.TryGetValue(v.Text, out var x) ? x : Spec.Default ?? 0;
                break;
            case Func<FactScope, IReadOnlyList<string>> l:
                var list = l(scope);
                if (Spec.Scores is { } scores) v.Number = Aggregate(list, scores);
                else v.List = list;
                break;
        }
        return v;
    }

    private double Aggregate(IReadOnlyList<string> list, IReadOnlyDictionary<string, double> scores)
    {
        double acc = 0;
        var any = false;
        foreach (var item in list)
        {
            if (!scores.TryGetValue(item, out var s)) continue;
            acc = !any ? (Spec.Aggregate == "count" ? 1 : s) : Spec.Aggregate switch
            {
                "min" => Math.Min(acc, s),
                "sum" => acc + s,
                "count" => acc + 1,
                _ => Math.Max(acc, s),
            };
            any = true;
        }
        return any ? acc : Spec.Default ?? 0;
    }

    /// <summary>The value as a short text for traces.</summary>
    public static string Show(in InputValue v, InputKind kind) => !v.Known ? "unknown" : kind switch
    {
        InputKind.Number => v.Number.ToString("0.###", CultureInfo.InvariantCulture),
        InputKind.Bool => v.Bool ? "true" : "false",
        InputKind.Text => v.Text ?? "",
        _ => "[" + string.Join(", ", v.List ?? []) + "]",
    };
}

/// <summary>A compiled table row.</summary>
public sealed class CompiledRow(MatrixRow spec, Cell?[] cells, int rank)
{
    public MatrixRow Spec { get; } = spec;
    public IReadOnlyList<Cell?> Cells { get; } = cells;
    public int Rank { get; } = rank;

    internal Tri Match(InputValue[] values)
    {
        var result = Tri.True;
        for (var i = 0; i < cells.Length; i++)
        {
            var c = cells[i];
            if (c is null || c.IsAny) continue;
            if (!values[i].Known) { result = Tri.Unknown; continue; }
            if (!c.Matches(values[i])) return Tri.False;
        }
        return result;
    }

    internal void CollectMissing(InputValue[] values, CompiledInput[] inputs, ISet<string> into)
    {
        for (var i = 0; i < cells.Length; i++)
            if (cells[i] is { IsAny: false } && !values[i].Known)
                foreach (var p in inputs[i].Expression.Paths) into.Add(p);
    }

    internal string Describe(InputValue[] values, CompiledInput[] inputs)
    {
        var parts = new List<string>();
        for (var i = 0; i < cells.Length; i++)
            if (cells[i] is { IsAny: false } c)
                parts.Add($"{inputs[i].Spec.Id}={CompiledInput.Show(values[i], inputs[i].Kind)} vs {c.Source}");
        return parts.Count == 0 ? "no conditions" : string.Join("; ", parts);
    }
}

/// <summary>A compiled modifier.</summary>
public sealed record CompiledModifier(SeverityModifier Spec, Condition When);
