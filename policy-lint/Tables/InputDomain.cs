using System.Globalization;
using System.Text.RegularExpressions;
using Verdict.Compilation;

namespace Verdict.Lint.Tables;

/// <summary>One representative value of a table input, and how to show it in an example incident.</summary>
internal sealed record Point(InputValue Value, string Shown);

/// <summary>
/// The representative values of one decision-table input: every value that can make a cell match or not match.
/// Numbers: each boundary any cell names, a value just beside it and one beyond the outermost (respecting the schema's
/// minimum and integer type). Text: the schema's enumeration, or the values the cells name plus one no cell names.
/// Lists: empty, each single value and (when small enough) each pair. Scored inputs: each score plus the default.
/// Two inputs are enumerated independently, so an example may combine values no real incident has together.
/// </summary>
internal static partial class InputDomain
{
    public static IReadOnlyList<Point> Build(CompiledInput input, IReadOnlyList<Cell> cells, bool pairs)
    {
        var text = input.Expression.Text.Trim();
        var path = input.Expression.Paths.Length == 1 && input.Expression.Paths[0] == text ? text : null;
        var shape = path is null ? null : FactShapes.Of(path);
        if (input.Spec.Scores is { } scores) return Scored(input, text, shape, scores, cells);
        return input.Kind switch
        {
            InputKind.Bool => [new(new InputValue { Known = true, Bool = true }, $"{text} = true"), new(new InputValue { Known = true, Bool = false }, $"{text} = false")],
            InputKind.Number => Numbers(cells, shape?.Integer ?? false, shape?.Minimum)
                .Select(n => new Point(new InputValue { Known = true, Number = n }, $"{text} = {FactShapes.Show(n)}")).ToList(),
            InputKind.Text => Words(cells, shape).Select(w => new Point(new InputValue { Known = true, Text = w }, $"{text} = {w}")).ToList(),
            _ => Lists(Words(cells, shape), pairs).Select(l => new Point(new InputValue { Known = true, List = l }, $"{text} = [{string.Join(", ", l)}]")).ToList(),
        };
    }

    private static IReadOnlyList<Point> Scored(CompiledInput input, string text, FactShape? shape, IReadOnlyDictionary<string, double> scores, IReadOnlyList<Cell> cells)
    {
        var fallback = input.Spec.Default ?? 0;
        var list = input.Expression.Typed is Func<Expressions.FactScope, IReadOnlyList<string>>;
        if (list && input.Spec.Aggregate is "sum" or "count")
            return Numbers(cells, true, 0).Select(n => new Point(new InputValue { Known = true, Number = n }, $"{text} scoring {FactShapes.Show(n)}")).ToList();
        var points = new List<Point>();
        var universe = shape?.Enum ?? scores.Keys.ToList();
        foreach (var value in scores.Values.Append(fallback).Distinct().Order())
        {
            string? witness = universe.FirstOrDefault(u => scores.TryGetValue(u, out var s) && s == value)
                ?? scores.FirstOrDefault(kv => kv.Value == value).Key;
            if (witness is null)
            {
                // Only the default gives this value: a value without a score (or an empty list).
                witness = universe.FirstOrDefault(u => !scores.ContainsKey(u));
                // Text from an enumeration whose every value has a score never takes the default.
                if (witness is null && !list && shape?.Enum is not null) continue;
                witness ??= list ? null : Fresh(universe);
            }
            var shown = list ? $"{text} = [{witness}]" : $"{text} = {witness}";
            points.Add(new Point(new InputValue { Known = true, Number = value }, shown));
        }
        return points;
    }

    /// <summary>Representative numbers for the boundaries the cells name.</summary>
    public static IReadOnlyList<double> Numbers(IEnumerable<Cell> cells, bool integer, double? minimum)
    {
        var bounds = new SortedSet<double>();
        foreach (var c in cells)
        {
            var (lo, _, hi, _) = c.Bounds;
            if (double.IsFinite(lo)) bounds.Add(lo);
            if (double.IsFinite(hi)) bounds.Add(hi);
            foreach (Match m in NumberPattern().Matches(c.Source))
                if (double.TryParse(m.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var d)) bounds.Add(d);
        }
        var points = new SortedSet<double>();
        if (minimum is { } min) points.Add(min);
        if (bounds.Count == 0) points.Add(minimum ?? 0);
        var sorted = bounds.ToList();
        for (var i = 0; i < sorted.Count; i++)
        {
            var b = sorted[i];
            if (integer)
            {
                points.Add(Math.Floor(b)); points.Add(Math.Ceiling(b));
                points.Add(Math.Floor(b) - 1); points.Add(Math.Ceiling(b) + 1);
            }
            else
            {
                points.Add(b);
                points.Add(i + 1 < sorted.Count ? (b + sorted[i + 1]) / 2 : b + 1);
                if (i == 0) points.Add(b - 1);
            }
        }
        return points.Where(p => minimum is null || p >= minimum).ToList();
    }

    /// <summary>The text values worth trying: the schema's enumeration, or what the cells name plus one value no cell names.</summary>
    private static IReadOnlyList<string> Words(IEnumerable<Cell> cells, FactShape? shape)
    {
        if (shape?.Enum is { Count: > 0 } e) return e;
        var named = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var c in cells)
        {
            if (c.Values is { } values) named.UnionWith(values);
            else if (c.Source.StartsWith("!=", StringComparison.Ordinal)) named.Add(c.Source[2..].Trim().Trim('"'));
        }
        return [.. named, Fresh(named)];
    }

    private static IEnumerable<IReadOnlyList<string>> Lists(IReadOnlyList<string> words, bool pairs)
    {
        yield return [];
        foreach (var w in words) yield return [w];
        if (!pairs) yield break;
        for (var i = 0; i < words.Count; i++)
            for (var j = i + 1; j < words.Count; j++)
                yield return [words[i], words[j]];
    }

    private static string Fresh(IEnumerable<string> taken)
    {
        var set = taken.ToHashSet(StringComparer.Ordinal);
        var candidate = "other";
        for (var i = 2; set.Contains(candidate); i++) candidate = $"other-{i}";
        return candidate;
    }

    [GeneratedRegex(@"-?[0-9]+(\.[0-9]+)?([eE][-+]?[0-9]+)?")]
    private static partial Regex NumberPattern();
}
