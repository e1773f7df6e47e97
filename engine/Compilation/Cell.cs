using System.Globalization;
using System.Text.RegularExpressions;
using Verdict.Diagnostics;
using Verdict.Syntax;

namespace Verdict.Compilation;

/// <summary>How a table input's value is compared.</summary>
public enum InputKind { Number, Text, Bool, List }

/// <summary>One input's value for one decision.</summary>
public struct InputValue
{
    public bool Known;
    public double Number;
    public string? Text;
    public bool Bool;
    public IReadOnlyList<string>? List;
}

/// <summary>
/// A compiled unary test of a decision-table cell: <c>-</c>, a value, a comparison (<c>&gt;= 1000</c>), a range
/// (<c>[100..1000)</c>) or a list meaning "any of".
/// </summary>
public sealed partial class Cell
{
    private enum Op { Any, Eq, Ne, Lt, Le, Gt, Ge, Range, In, BoolEq }

    private readonly Op _op;
    private readonly double _lo, _hi;
    private readonly bool _loInclusive, _hiInclusive;
    private readonly string? _text;
    private readonly bool _bool;
    private readonly HashSet<string>? _set;
    private readonly HashSet<double>? _numbers;

    /// <summary>The cell as written.</summary>
    public string Source { get; }

    /// <summary>True for <c>-</c> (matches anything, including unknown inputs).</summary>
    public bool IsAny => _op == Op.Any;

    /// <summary>Lower and upper numeric bounds of the cell for range analysis (infinite when open).</summary>
    public (double Lo, bool LoInclusive, double Hi, bool HiInclusive) Bounds => _op switch
    {
        Op.Lt => (double.NegativeInfinity, false, _hi, false),
        Op.Le => (double.NegativeInfinity, false, _hi, true),
        Op.Gt => (_lo, false, double.PositiveInfinity, false),
        Op.Ge => (_lo, true, double.PositiveInfinity, false),
        Op.Eq when _text is null && _set is null => (_lo, true, _lo, true),
        Op.Range => (_lo, _loInclusive, _hi, _hiInclusive),
        _ => (double.NegativeInfinity, false, double.PositiveInfinity, false),
    };

    /// <summary>The values a text or list cell accepts (for gap analysis); null for numeric or open cells.</summary>
    public IReadOnlyCollection<string>? Values => _set ?? (_op == Op.Eq && _text is not null ? [_text] : null);

    private Cell(string source, Op op, double lo = 0, double hi = 0, bool loInc = true, bool hiInc = true, string? text = null,
        bool b = false, HashSet<string>? set = null, HashSet<double>? numbers = null)
    {
        Source = source; _op = op; _lo = lo; _hi = hi; _loInclusive = loInc; _hiInclusive = hiInc; _text = text; _bool = b; _set = set; _numbers = numbers;
    }

    /// <summary>Compiles a cell for an input of the given kind.</summary>
    public static Cell Compile(Node node, InputKind kind, string inputId)
    {
        string Bad(string why) => throw VerdictException.Single(Codes.BadCell, $"cell for `{inputId}` {why}", node.Location,
            "write `-`, a value, a comparison such as `>= 1000`, a range such as `[100..1000)`, or a list of values");
        switch (node)
        {
            case SeqNode seq:
            {
                var items = seq.Items.OfType<ScalarNode>().Select(s => s.Value).ToList();
                var src = "[" + string.Join(", ", items) + "]";
                if (kind == InputKind.Number)
                {
                    var nums = new HashSet<double>();
                    foreach (var i in items)
                        if (double.TryParse(i, NumberStyles.Float, CultureInfo.InvariantCulture, out var d)) nums.Add(d);
                        else Bad($"lists `{i}`, but `{inputId}` is a number");
                    return new Cell(src, Op.In, numbers: nums);
                }
                return new Cell(src, Op.In, set: new HashSet<string>(items, StringComparer.Ordinal));
            }
            case ScalarNode s:
            {
                var t = s.Value.Trim();
                if (t is "-" or "" or "any") return new Cell(t, Op.Any);
                if (kind == InputKind.Bool)
                {
                    if (s.Kind != ScalarKind.Bool) Bad($"must be true, false or `-` because `{inputId}` is true/false, not `{t}`");
                    return new Cell(t, Op.BoolEq, b: NodeReader.AsBool(s));
                }
                var range = RangePattern().Match(t);
                if (range.Success)
                {
                    if (kind != InputKind.Number) Bad($"is a range, but `{inputId}` is not a number");
                    var lo = range.Groups[2].Success ? Num(range.Groups[2].Value) : double.NegativeInfinity;
                    var hi = range.Groups[3].Success ? Num(range.Groups[3].Value) : double.PositiveInfinity;
                    if (lo > hi) Bad($"has an empty range `{t}`");
                    return new Cell(t, Op.Range, lo, hi, range.Groups[1].Value == "[", range.Groups[4].Value == "]");
                }
                var cmp = ComparePattern().Match(t);
                if (cmp.Success)
                {
                    var op = cmp.Groups[1].Value switch { "<" => Op.Lt, "<=" => Op.Le, ">" => Op.Gt, ">=" => Op.Ge, "!=" => Op.Ne, _ => Op.Eq };
                    var operand = cmp.Groups[2].Value.Trim().Trim('"');
                    if (kind == InputKind.Number)
                    {
                        if (!double.TryParse(operand, NumberStyles.Float, CultureInfo.InvariantCulture, out var v)) Bad($"compares with `{operand}`, which is not a number");
                        return new Cell(t, op, v, v);
                    }
                    if (op is not (Op.Eq or Op.Ne)) Bad($"uses `{cmp.Groups[1].Value}`, which needs a number, but `{inputId}` is text");
                    return new Cell(t, op, text: operand);
                }
                if (kind == InputKind.Number)
                {
                    if (!double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out var v)) Bad($"is `{t}`, but `{inputId}` is a number");
                    return new Cell(t, Op.Eq, v, v);
                }
                return new Cell(t, Op.Eq, text: t);
            }
            default:
                Bad("must be a value or a list");
                return null!;
        }
    }

    private static double Num(string s) => double.Parse(s, NumberStyles.Float, CultureInfo.InvariantCulture);

    /// <summary>Tests a known input value.</summary>
    public bool Matches(in InputValue v)
    {
        switch (_op)
        {
            case Op.Any: return true;
            case Op.Lt: return v.Number < _hi;
            case Op.Le: return v.Number <= _hi;
            case Op.Gt: return v.Number > _lo;
            case Op.Ge: return v.Number >= _lo;
            case Op.Range:
                return (_loInclusive ? v.Number >= _lo : v.Number > _lo) && (_hiInclusive ? v.Number <= _hi : v.Number < _hi);
            case Op.Eq:
            case Op.Ne:
            {
                bool eq;
                if (_text is not null)
                {
                    if (v.List is { } list)
                    {
                        eq = false;
                        foreach (var x in list) if (string.Equals(x, _text, StringComparison.Ordinal)) { eq = true; break; }
                    }
                    else eq = string.Equals(v.Text, _text, StringComparison.Ordinal);
                }
                else eq = v.Number == _lo;
                return _op == Op.Eq ? eq : !eq;
            }
            case Op.BoolEq: return v.Bool == _bool;
            case Op.In:
                if (_numbers is not null) return _numbers.Contains(v.Number);
                if (v.List is { } items)
                {
                    foreach (var x in items) if (_set!.Contains(x)) return true;
                    return false;
                }
                return v.Text is not null && _set!.Contains(v.Text);
            default: return false;
        }
    }

    [GeneratedRegex(@"^([\[\(])\s*(-?[0-9.]+(?:[eE][-+]?[0-9]+)?)?\s*\.\.\s*(-?[0-9.]+(?:[eE][-+]?[0-9]+)?)?\s*([\]\)])$")]
    private static partial Regex RangePattern();

    [GeneratedRegex(@"^(<=|>=|!=|<|>|=)\s*(.+)$")]
    private static partial Regex ComparePattern();
}
