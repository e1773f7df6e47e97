using Verdict.Compilation;
using Verdict.Diagnostics;
using Verdict.Lint.Tables;

namespace Verdict.Lint.Rules;

/// <summary>
/// Decision tables: gaps (an input no row covers, shown as a concrete example), overlapping rows under <c>unique</c>,
/// rows shadowed under <c>first</c> or outranked under <c>priority</c>, and rows no input can reach. Works by
/// enumerating the representative values of every input (<see cref="InputDomain"/>) and evaluating the compiled cells.
/// </summary>
internal sealed class DecisionTableRules : ILintRule
{
    /// <summary>Above this many input combinations a table is not enumerated (it would slow every CI run).</summary>
    internal const int CombinationLimit = 200_000;

    public void Check(LintContext context)
    {
        foreach (var table in context.Severities) Analyse(context, table);
    }

    private static void Analyse(LintContext ctx, CompiledSeverity table)
    {
        var rows = table.Rows;
        var inputs = table.Inputs;
        if (rows.Count == 0) return;
        var domains = Domains(table, pairs: true);
        if (Product(domains) > CombinationLimit) domains = Domains(table, pairs: false);
        if (Product(domains) > CombinationLimit) return;

        // match[r][i][p]: does row r's cell for input i accept point p?
        var match = rows.Select(r => inputs.Select((_, i) => domains[i].Select(p => r.Cells[i] is not { IsAny: false } c || c.Matches(p.Value)).ToArray()).ToArray()).ToArray();
        var hitPolicy = table.Document.HitPolicy;
        var matchedAny = new bool[rows.Count];
        var won = new bool[rows.Count];
        var takenBy = rows.Select(_ => new SortedSet<int>()).ToArray();
        var overlaps = new SortedDictionary<(int, int), int[]>();
        int[]? gap = null;
        var gaps = 0;

        var index = new int[inputs.Count];
        var hits = new List<int>(rows.Count);
        while (true)
        {
            hits.Clear();
            for (var r = 0; r < rows.Count; r++)
            {
                var ok = true;
                for (var i = 0; i < index.Length && ok; i++) ok = match[r][i][index[i]];
                if (ok) { hits.Add(r); matchedAny[r] = true; }
            }
            if (hits.Count == 0) { gaps++; gap ??= (int[])index.Clone(); }
            else
            {
                var winners = Winners(hitPolicy, hits, rows);
                foreach (var w in winners) won[w] = true;
                foreach (var h in hits)
                    if (!winners.Contains(h)) takenBy[h].UnionWith(winners);
                if (hitPolicy == "unique" && hits.Count > 1)
                    for (var a = 0; a < hits.Count; a++)
                        for (var b = a + 1; b < hits.Count; b++)
                            overlaps.TryAdd((hits[a], hits[b]), (int[])index.Clone());
            }
            if (!Next(index, domains)) break;
        }

        var doc = table.Document;
        if (gap is not null)
            ctx.Error(Codes.TableGap,
                $"severity matrix `{doc.Header.Ref}` has a gap: no row matches {Example(gap, domains)}" +
                (gaps > 1 ? $" ({gaps - 1} more uncovered combinations)" : ""),
                LintContext.KeyLocation(doc.Node, "rows"),
                "add a row for this case, or end the table with a catch-all row whose cells are all `-`");
        foreach (var ((a, b), example) in overlaps)
            ctx.Error(Codes.TableOverlap,
                $"rows `{rows[a].Spec.Id}` and `{rows[b].Spec.Id}` both match {Example(example, domains)} under hit policy `unique`",
                rows[b].Spec.Node.Location, "make the rows exclusive, or use hit policy `first` or `priority`");
        for (var r = 0; r < rows.Count; r++)
        {
            if (!matchedAny[r]) Unreachable(ctx, rows[r], inputs, domains, match[r]);
            else if (!won[r] && hitPolicy is "first" or "priority")
            {
                var by = string.Join(", ", takenBy[r].Select(x => $"`{rows[x].Spec.Id}`"));
                ctx.Warning(Codes.RowShadowed,
                    hitPolicy == "first"
                        ? $"row `{rows[r].Spec.Id}` never decides: every input it matches is matched first by {by}"
                        : $"row `{rows[r].Spec.Id}` never decides: every input it matches is outranked by {by}",
                    rows[r].Spec.Node.Location,
                    hitPolicy == "first" ? "move the row above the rows that shadow it, narrow them, or delete it" : "raise its level, narrow the other rows, or delete it");
            }
        }
    }

    private static void Unreachable(LintContext ctx, CompiledRow row, IReadOnlyList<CompiledInput> inputs, IReadOnlyList<Point>[] domains, bool[][] match)
    {
        for (var i = 0; i < inputs.Count; i++)
        {
            if (match[i].Any(m => m)) continue;
            var id = inputs[i].Spec.Id;
            var cellNode = row.Spec.Cells.First(c => c.Key == id).Value;
            var cell = row.Cells[i]!;
            ctx.Warning(Codes.RowUnreachable,
                $"row `{row.Spec.Id}` can never match: no value of `{inputs[i].Expression.Text.Trim()}` satisfies `{cell.Source}`",
                cellNode.Location, Hint(cell, inputs[i]));
            return;
        }
        ctx.Warning(Codes.RowUnreachable, $"row `{row.Spec.Id}` can never match", row.Spec.Node.Location, "widen its cells or delete it");
    }

    private static string Hint(Cell cell, CompiledInput input)
    {
        var text = input.Expression.Text.Trim();
        if (input.Spec.Scores is null && FactShapes.Of(text)?.Enum is { Count: > 0 } allowed && cell.Values is { } named)
        {
            var wrong = named.FirstOrDefault(v => !allowed.Contains(v));
            if (wrong is not null)
                return (Suggest.Nearest(wrong, allowed) is { } near ? $"did you mean `{near}`? " : "") +
                       $"`{text}` is one of: {string.Join(", ", allowed)}";
        }
        return "widen the cell or delete the row";
    }

    // The engine's hit-policy rule, so the linter judges tables exactly as decisions are made.
    private static List<int> Winners(string hitPolicy, List<int> hits, IReadOnlyList<CompiledRow> rows) =>
        HitPolicies.Winner(hitPolicy, hits.Select(h => rows[h]).ToList()) is var w and >= 0 ? [hits[w]] : [.. hits];

    private static IReadOnlyList<Point>[] Domains(CompiledSeverity table, bool pairs) =>
        table.Inputs.Select((input, i) => InputDomain.Build(input,
            table.Rows.Select(r => r.Cells[i]).Where(c => c is { IsAny: false }).Select(c => c!).ToList(), pairs)).ToArray();

    private static long Product(IReadOnlyList<Point>[] domains)
    {
        long p = 1;
        foreach (var d in domains) p = Math.Min(p * Math.Max(1, d.Count), long.MaxValue / 1024);
        return p;
    }

    private static bool Next(int[] index, IReadOnlyList<Point>[] domains)
    {
        for (var i = index.Length - 1; i >= 0; i--)
        {
            if (++index[i] < domains[i].Count) return true;
            index[i] = 0;
        }
        return false;
    }

    private static string Example(int[] index, IReadOnlyList<Point>[] domains) =>
        index.Length == 0 ? "any incident" : string.Join(", ", index.Select((p, i) => $"`{domains[i][p].Shown}`"));
}
