using System.Text;

namespace Verdict.Lint.Tests.Fuzz;

/// <summary>
/// Seeded text mutations of a policy file: the shapes that broke loaders before (odd scalars, huge numbers, deep
/// nesting, duplicate or swapped keys, tabs, unicode, truncation). The same seed gives the same mutant on every machine.
/// </summary>
public sealed class PolicyMutator(int seed)
{
    private readonly Random _random = new(seed);

    private static readonly string[] OddScalars =
    [
        "", "~", "null", "1e400", "-1e400", "-1", "0", "99999999999999999999", "4294967296", "2147483648", "-2147483649", "NaN", ".inf",
        "[]", "{}", "\"\"", "ünïcödé ✓", "\u202egnp.exe", "\"\\u0000\"", "&anchor x", "*alias", "!!binary aGk=", "'US-XX'", "california",
        "2026-02-30", "0000-01-01", "9999-12-31", "P1Y", "999999999h", "72x", "true", "yes", "\"intrusoin\"", "'data.recrods > 1'",
        "'(((((((((((((((((((((((((((((((((((((((((x'", "'" + new string('!', 3000) + "true'", "'" + string.Join(" || ", Enumerable.Repeat("true", 800)) + "'",
        "'" + new string('(', 2000) + "true" + new string(')', 2000) + "'", "'access.Any(a => facts.access.Any(b => b.fields.Contains(\"x\")))'",
        "'severity.atLeast(\"hihg\")'", "'subjectsIn(\"US-XX\") > 0'", "'owes(\"gdrp\")'", "'earliestDueWithinHours(-5)'",
        "'while(true){}'", "'Breach.Cause == \"x\"'", "|\n  multi\n  line", ">-\n  folded", "\"" + new string('x', 70_000) + "\"",
    ];

    /// <summary>One mutant of <paramref name="text"/>: one to three mutations.</summary>
    public string Mutate(string text)
    {
        var lines = text.Replace("\r\n", "\n").Split('\n').ToList();
        var count = 1 + _random.Next(3);
        for (var i = 0; i < count && lines.Count > 0; i++) Apply(lines);
        var result = string.Join('\n', lines);
        if (_random.Next(12) == 0 && result.Length > 0) result = result[.._random.Next(result.Length)];
        return result;
    }

    private void Apply(List<string> lines)
    {
        var at = _random.Next(lines.Count);
        switch (_random.Next(11))
        {
            case 0: lines.RemoveAt(at); break;
            case 1: lines.Insert(at, lines[at]); break; // a duplicate key or list item
            case 2:
            {
                var other = _random.Next(lines.Count);
                (lines[at], lines[other]) = (lines[other], lines[at]);
                break;
            }
            case 3 or 4 or 5: lines[at] = ReplaceScalar(lines[at]); break;
            case 6: lines[at] = "\t" + lines[at]; break;
            case 7:
            {
                var depth = 1 + _random.Next(200);
                lines[at] = Indent(lines[at]) + "deep: " + new string('[', depth) + "1" + new string(']', depth);
                break;
            }
            case 8: lines[at] = InsertChar(lines[at]); break;
            case 9: lines[at] = _random.Next(2) == 0 ? "  " + lines[at] : lines[at].TrimStart(); break;
            default: lines[at] = SwapKey(lines[at], lines[_random.Next(lines.Count)]); break;
        }
    }

    private string ReplaceScalar(string line)
    {
        var colon = line.IndexOf(": ", StringComparison.Ordinal);
        var odd = OddScalars[_random.Next(OddScalars.Length)];
        if (colon < 0) return line.TrimStart().StartsWith('-') ? line[..(line.IndexOf('-') + 1)] + " " + odd : line;
        return line[..(colon + 2)] + odd;
    }

    private string InsertChar(string line)
    {
        char[] odd = ['\u0000', '\u0007', '\u00a0', '\u2028', '\ufeff', '\ud800', '{', '[', '"', '\'', '#', '&', '*', '|', '>', '%', '@', '`', 'é'];
        var pos = line.Length == 0 ? 0 : _random.Next(line.Length + 1);
        return line.Insert(pos, odd[_random.Next(odd.Length)].ToString());
    }

    private static string SwapKey(string line, string donor)
    {
        var colon = line.IndexOf(':');
        var donorColon = donor.IndexOf(':');
        if (colon < 0 || donorColon < 0) return line;
        var key = donor[..donorColon].Trim().TrimStart('-', ' ');
        return Indent(line) + (line.TrimStart().StartsWith("- ", StringComparison.Ordinal) ? "- " : "") + key + line[colon..];
    }

    private static string Indent(string line) => new(' ', line.Length - line.TrimStart(' ').Length);

    /// <summary>A mutation of bundle.yaml: odd limits or vocabulary.</summary>
    public string MutateManifest(string text)
    {
        var sb = new StringBuilder(text.TrimEnd()).Append('\n');
        switch (_random.Next(4))
        {
            case 0: sb.Append("limits:\n  jsMaxStatements: ").Append(OddScalars[_random.Next(OddScalars.Length)]).Append('\n'); break;
            case 1: sb.Append("limits:\n  jsTimeoutMs: 4294967296\n  jsMemoryBytes: 1e400\n"); break;
            case 2: sb.Append("vocabulary:\n  regimes: [").Append(OddScalars[_random.Next(OddScalars.Length)]).Append("]\n"); break;
            default: sb.Append("jurisdictionGroups:\n  XX: [").Append(OddScalars[_random.Next(OddScalars.Length)]).Append("]\n"); break;
        }
        return sb.ToString();
    }
}
