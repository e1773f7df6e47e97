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
    public string Ref { get; }

    internal CompiledSeverity(SeverityMatrixDocument doc, IConditionLanguage language)
    {
        Document = doc;
        Ref = doc.Header.Ref;
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
        _index = TableIndex.Build(_inputs, _rows);
    }

    private readonly TableIndex? _index;

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

        // The common outcome is one matching row and no unknown one: no list is built for it.
        CompiledRow? hit = null;
        List<CompiledRow>? hits = null;
        List<CompiledRow>? unknownRows = null;
        var first = _hitPolicy == "first";
        var firstUnknownBeforeHit = false;
        // Numeric tables are matched through the index when every input is known; the row scan remains for
        // unknown inputs and traces, and gives the same rows.
        if (trace is not null || _index is null || !_index.TryMatch(values, _rows, first, out hit, out hits))
            foreach (var row in _rows)
            {
                var r = row.Match(values);
                trace?.Add(new TraceEntry("severity", Ref, row.Spec.Id, Word(r), row.Describe(values, _inputs)));
                if (r == Tri.True)
                {
                    if (hit is null) hit = row;
                    else (hits ??= [hit]).Add(row);
                    if (first) break;
                }
                else if (r == Tri.Unknown)
                {
                    (unknownRows ??= []).Add(row);
                    if (first && hit is null) firstUnknownBeforeHit = true;
                }
            }
        IReadOnlyList<CompiledRow> matched = hits is not null ? hits : hit is not null ? hit.Alone : [];

        var indeterminate = _hitPolicy switch
        {
            "first" => firstUnknownBeforeHit,
            "unique" => unknownRows is not null,
            _ => unknownRows is not null && AnyOutranks(unknownRows, matched),
        };
        if (indeterminate)
        {
            var missing = new SortedSet<string>(StringComparer.Ordinal);
            foreach (var u in unknownRows!) u.CollectMissing(values, _inputs, missing);
            return Indeterminate(missing, $"the matrix needs facts the incident does not give: {string.Join(", ", missing)}");
        }
        if (hit is null)
            throw VerdictException.Single(Codes.UniqueNoHit, $"no row of severity matrix `{Ref}` matches this incident", Document.Location,
                "add a row for this case, or a last catch-all row (policy-lint reports such gaps with an example)");
        if (_hitPolicy == "unique" && hits is not null)
            throw VerdictException.Single(Codes.UniqueMultipleHits,
                $"unique severity matrix `{Ref}` matches rows {string.Join(", ", matched.Select(m => $"`{m.Spec.Id}`"))}",
                matched[1].Spec.Node.Location, "make the rows exclusive, or use hit policy `first` or `priority`");

        var winner = HitPolicies.Winner(_hitPolicy, matched);
        IReadOnlyList<CompiledRow> chosen = winner < 0 ? matched : matched[winner].Alone;
        var rank = chosen.Count == 1 ? chosen[0].Rank : chosen.Max(c => c.Rank);

        // Reasons are text for people: kept as parts and written out only when read (bulk runs never read them).
        IReadOnlyList<string>? modifierReasons = null;
        IReadOnlyList<string> applied = [];
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
                    modifierReasons = Append(modifierReasons, $"{m.Spec.Id} not applied: unknown without {string.Join(", ", mm)}");
                    continue;
                }
                return Indeterminate(mm, $"modifier {m.Spec.Id} needs {string.Join(", ", mm)}");
            }
            var before = rank;
            rank = Math.Clamp(rank + m.Spec.Adjust, 0, 3);
            if (m.Spec.AtLeast is { } least) rank = Math.Max(rank, SeverityView.RankOf(least));
            if (m.Spec.AtMost is { } most) rank = Math.Min(rank, SeverityView.RankOf(most));
            applied = applied.Count == 0 ? m.Alone : new List<string>(applied) { m.Spec.Id };
            modifierReasons = modifierReasons is null ? m.ReasonAlone(before, rank) : Append(modifierReasons, m.Reason(before, rank));
        }
        scope.SetSeverity(rank);
        IReadOnlyList<string> rows = chosen.Count == 1 ? chosen[0].IdAlone : chosen.Select(c => c.Spec.Id).ToList();
        return new SeverityResult(SeverityView.Levels[rank], Ref, rows, applied, new SeverityReasons(chosen, values, _inputs, modifierReasons), []);
    }

    // Kept out of Evaluate: a lambda there would allocate its captured locals on every call.
    private static bool AnyOutranks(List<CompiledRow> unknownRows, IReadOnlyList<CompiledRow> matched) =>
        unknownRows.Any(u => u.Rank > (matched.Count == 0 ? -1 : matched.Max(m => m.Rank)));

    private static IReadOnlyList<string> Append(IReadOnlyList<string>? list, string item) =>
        list is null ? new List<string> { item } : new List<string>(list) { item };

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
        var plan = _plan ??= new ReadPlan(this);
        if (plan.Number is not null) v.Number = plan.Number(scope);
        else if (plan.Bool is not null) v.Bool = plan.Bool(scope);
        else if (plan.Text is not null)
        {
            v.Text = plan.Text(scope);
            if (plan.Scores is { } sc) v.Number = sc.TryGetValue(v.Text, out var x) ? x : plan.Default;
        }
        else if (plan.List is not null)
        {
            var list = plan.List(scope);
            if (plan.Scores is { } scores) v.Number = Aggregate(list, scores, plan);
            else v.List = list;
        }
        return v;
    }

    private ReadPlan? _plan;

    /// <summary>The typed reader and score table, resolved once (no type tests or string switches per read).</summary>
    private sealed class ReadPlan
    {
        public readonly Func<FactScope, double>? Number;
        public readonly Func<FactScope, bool>? Bool;
        public readonly Func<FactScope, string>? Text;
        public readonly Func<FactScope, IReadOnlyList<string>>? List;
        public readonly System.Collections.Frozen.FrozenDictionary<string, double>? Scores;
        public readonly double Default;
        public readonly AggregateKind Aggregate;

        public ReadPlan(CompiledInput input)
        {
            Number = input.Expression.Typed as Func<FactScope, double>;
            Bool = input.Expression.Typed as Func<FactScope, bool>;
            Text = input.Expression.Typed as Func<FactScope, string>;
            List = input.Expression.Typed as Func<FactScope, IReadOnlyList<string>>;
            Scores = input.Spec.Scores is { } s ? System.Collections.Frozen.FrozenDictionary.ToFrozenDictionary(s, StringComparer.Ordinal) : null;
            Default = input.Spec.Default ?? 0;
            Aggregate = input.Spec.Aggregate switch
            {
                "min" => AggregateKind.Min,
                "sum" => AggregateKind.Sum,
                "count" => AggregateKind.Count,
                _ => AggregateKind.Max,
            };
        }
    }

    private enum AggregateKind { Max, Min, Sum, Count }

    private static double Aggregate(IReadOnlyList<string> list, System.Collections.Frozen.FrozenDictionary<string, double> scores, ReadPlan plan)
    {
        double acc = 0;
        var any = false;
        // Facts lists are List<string>: walk them as a span, not through the interface.
        var items = list is List<string> concrete ? System.Runtime.InteropServices.CollectionsMarshal.AsSpan(concrete)
            : list is string[] array ? array : list.ToArray();
        foreach (var item in items)
        {
            if (!scores.TryGetValue(item, out var s)) continue;
            acc = !any ? (plan.Aggregate == AggregateKind.Count ? 1 : s) : plan.Aggregate switch
            {
                AggregateKind.Min => Math.Min(acc, s),
                AggregateKind.Sum => acc + s,
                AggregateKind.Count => acc + 1,
                _ => Math.Max(acc, s),
            };
            any = true;
        }
        return any ? acc : plan.Default;
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

    // Shared one-element lists, so that the usual single-row outcome allocates no list.
    internal CompiledRow[] Alone => _alone ??= [this];
    private CompiledRow[]? _alone;
    internal readonly string[] IdAlone = [spec.Id];

    /// <summary>This row's reason: fixed when it has a rationale, else it shows the input values.</summary>
    internal string Reason(InputValue[] values, CompiledInput[] inputs) =>
        _reason ?? $"{Spec.Id} ({Spec.Level}): {Describe(values, inputs)}";
    private readonly string? _reason = spec.Rationale is null ? null : $"{spec.Id} ({spec.Level}): {spec.Rationale}";

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

/// <summary>
/// A decision table's rows indexed by number: for each input that rows test, its values split into regions at every
/// cell boundary (each boundary point, and the open stretches between them), each region holding the set of rows whose
/// cell matches there. A decision looks up each input's region and intersects the sets, instead of testing every
/// cell. Built only when every tested cell is an interval on a number (comparison, range, value); others scan.
/// </summary>
internal sealed class TableIndex
{
    private readonly int[] _inputs;          // the inputs some row tests
    private readonly double[][] _bounds;     // per indexed input: sorted distinct finite boundaries
    private readonly ulong[][][] _regions;   // per indexed input, per region (2 * bounds + 1): row bit set
    private readonly int _words;

    private TableIndex(int[] inputs, double[][] bounds, ulong[][][] regions, int words)
    {
        _inputs = inputs; _bounds = bounds; _regions = regions; _words = words;
    }

    public static TableIndex? Build(CompiledInput[] inputs, CompiledRow[] rows)
    {
        var words = (rows.Length + 63) / 64;
        var indexed = new List<int>();
        var allBounds = new List<double[]>();
        var allRegions = new List<ulong[][]>();
        for (var i = 0; i < inputs.Length; i++)
        {
            var cells = rows.Select(r => r.Cells[i]).ToArray();
            if (cells.All(c => c is null || c.IsAny)) continue;
            if (inputs[i].Kind != InputKind.Number) return null;
            var points = new SortedSet<double>();
            foreach (var c in cells)
            {
                if (c is null || c.IsAny) continue;
                var (lo, _, hi, _) = c.Bounds;
                // Not an interval with an end (a `!=`, a list of numbers, an open `(..)`): no index.
                if (!double.IsFinite(lo) && !double.IsFinite(hi)) return null;
                if (double.IsFinite(lo)) points.Add(lo);
                if (double.IsFinite(hi)) points.Add(hi);
            }
            var bounds = points.ToArray();
            var regions = new ulong[2 * bounds.Length + 1][];
            for (var region = 0; region < regions.Length; region++)
            {
                // A finite value inside the region; every value of a region matches the same interval cells.
                double? sample = region % 2 == 1 ? bounds[region / 2]
                    : region == 0 ? Math.BitDecrement(bounds[0])
                    : Math.BitIncrement(bounds[region / 2 - 1]);
                var set = new ulong[words];
                if (sample is { } x && double.IsFinite(x) && (region % 2 == 1 || region == 0 || region == regions.Length - 1 || x < bounds[region / 2]))
                {
                    var value = new InputValue { Known = true, Number = x };
                    for (var r = 0; r < rows.Length; r++)
                        if (cells[r] is not { IsAny: false } c || c.Matches(value)) set[r >> 6] |= 1UL << (r & 63);
                }
                regions[region] = set;
            }
            indexed.Add(i);
            allBounds.Add(bounds);
            allRegions.Add(regions);
        }
        return new TableIndex(indexed.ToArray(), allBounds.ToArray(), allRegions.ToArray(), words);
    }

    /// <summary>
    /// The matching rows, in table order, as the scan would find them (<paramref name="first"/>: stop at the first);
    /// false when an input is unknown or not a finite number.
    /// </summary>
    public bool TryMatch(InputValue[] values, CompiledRow[] rows, bool first, out CompiledRow? hit, out List<CompiledRow>? hits)
    {
        hit = null;
        hits = null;
        Span<ulong> set = _words <= 8 ? stackalloc ulong[_words] : new ulong[_words];
        set.Fill(ulong.MaxValue);
        for (var k = 0; k < _inputs.Length; k++)
        {
            var v = values[_inputs[k]];
            if (!v.Known || !double.IsFinite(v.Number)) return false;
            var bounds = _bounds[k];
            var at = Array.BinarySearch(bounds, v.Number);
            var region = at >= 0 ? 2 * at + 1 : 2 * ~at;
            var rowsThere = _regions[k][region];
            for (var w = 0; w < set.Length; w++) set[w] &= rowsThere[w];
        }
        for (var w = 0; w < set.Length; w++)
            for (var bits = set[w]; bits != 0; bits &= bits - 1)
            {
                var r = (w << 6) + System.Numerics.BitOperations.TrailingZeroCount(bits);
                if (r >= rows.Length) return true;
                if (hit is null) hit = rows[r];
                else (hits ??= [hit]).Add(rows[r]);
                if (first) return true;
            }
        return true;
    }
}

/// <summary>A compiled modifier.</summary>
public sealed record CompiledModifier(SeverityModifier Spec, Condition When)
{
    /// <summary>The modifier's id as a one-element list (the usual "applied" list).</summary>
    internal string[] Alone { get; } = [Spec.Id];

    // The reason for each (before, after) pair of levels, written once.
    private readonly string[] _reasons = Reasons(Spec);

    internal string Reason(int before, int after) => _reasons[before * 4 + after];

    /// <summary>The reason as a shared one-element list (the usual case: one modifier applies).</summary>
    internal string[] ReasonAlone(int before, int after) => _alone[before * 4 + after];

    private readonly string[][] _alone = Reasons(Spec).Select(r => new[] { r }).ToArray();

    private static string[] Reasons(SeverityModifier m)
    {
        var levels = SeverityView.Levels;
        var all = new string[16];
        for (var b = 0; b < 4; b++)
        for (var a = 0; a < 4; a++)
        {
            var change = a == b ? "no change" : $"{levels[b]} → {levels[a]}";
            all[b * 4 + a] = $"{m.Id} ({change}): {m.Rationale ?? m.When.Text}";
        }
        return all;
    }
}

/// <summary>
/// A severity's reasons, kept as the rows and values that produced them and written out on first read: formatting
/// them costs more than deciding, and bulk runs never read them.
/// </summary>
internal sealed class SeverityReasons(IReadOnlyList<CompiledRow> rows, InputValue[] values, CompiledInput[] inputs, IReadOnlyList<string>? modifiers)
    : IReadOnlyList<string>
{
    private string[]? _text;

    private string[] Text => _text ??= Build();

    private string[] Build()
    {
        var text = new string[Count];
        for (var i = 0; i < rows.Count; i++) text[i] = rows[i].Reason(values, inputs);
        for (var i = 0; i < (modifiers?.Count ?? 0); i++) text[rows.Count + i] = modifiers![i];
        return text;
    }

    public int Count => rows.Count + (modifiers?.Count ?? 0);
    public string this[int index] => Text[index];
    public IEnumerator<string> GetEnumerator() => ((IEnumerable<string>)Text).GetEnumerator();
    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
}
