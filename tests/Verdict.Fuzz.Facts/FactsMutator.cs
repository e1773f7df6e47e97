using System.Text;

namespace Verdict.Fuzz;

/// <summary>
/// A seeded mutation fuzzer for incident facts: byte-level edits plus edits that know the shape of facts (values
/// swapped for hostile ones, keys misspelt, structure cut or nested). The same seed gives the same mutants on every
/// machine, so a finding is reproduced by its seed and index.
/// </summary>
public sealed class FactsMutator(IReadOnlyList<byte[]> seeds, int seed)
{
    private readonly Random _random = new(seed);

    /// <summary>Values that broke, or could break, ingest or deadline arithmetic.</summary>
    public static readonly string[] HostileValues =
    [
        "\"9999-12-31T23:59:59-12:00\"", "\"0001-01-01T00:00:00+14:00\"", "\"1899-12-31T23:59:59Z\"", "\"2026-02-30T10:00:00Z\"",
        "\"2026-11-20T24:00:00Z\"", "\"2026-11-20T10:00:00+25:00\"", "\"2026-11-20T10:00:00.1234567891Z\"", "\"8999-12-31T23:59:59Z\"",
        "\"P99999999999999999999D\"", "\"PT0S\"", "\"P\"", "\"PT\"", "\"P1DT\"", "\"PT9223372036854775807S\"", "\"P36500DT24H\"",
        "9223372036854775807", "9223372036854775808", "-9223372036854775809", "-1", "0", "-0", "1e400", "-1e400", "1e3", "1.5",
        "10000000000", "10000000001", "4294967296", "null", "true", "false", "[]", "{}", "[[[[[[[[]]]]]]]]", "\"\"",
        "\"\\ud800\"", "\"\\udc00x\"", "\"\\ud83d\\ude00\"", "\"\\u0000\"", "\"us-ca\"", "\"california\"", "\"US-CAL\"", "\"XX\"",
        "\"" + new string('a', 5000) + "\"", "NaN", "Infinity", "\"encrpyted\"", "\"intrusoin\"",
    ];

    /// <summary>Keys that must be refused or, where they are real, must decide.</summary>
    public static readonly string[] HostileKeys =
    [
        "us-ca", "california", "US-CAL", "US-CA", "US-TX", "DE", "EU", "EL", "GB-ENG", "XX", "", "recrods", "awareat", "__proto__",
        "constructor", "a.b", "a/b", "~0", "\\ud800", "restoredWithin", "notices", "submittedAt", "subjects", "timeline",
    ];

    /// <summary>Raw bytes that are not UTF-8 or not JSON/YAML punctuation where it is expected.</summary>
    private static readonly byte[] HostileBytes =
        [0xFF, 0xFE, 0xC3, 0xC0, 0xED, 0xA0, 0x80, 0x00, (byte)'"', (byte)'{', (byte)'}', (byte)'[', (byte)']', (byte)':', (byte)',',
         (byte)'\\', (byte)'\n', (byte)'\t', (byte)'-', (byte)'9', (byte)'&', (byte)'*', (byte)'!', (byte)'|', (byte)'>', (byte)'#', (byte)'?'];

    /// <summary>The next mutant and the index of the seed it came from.</summary>
    public (byte[] Bytes, int Seed) Next()
    {
        var from = _random.Next(seeds.Count);
        var bytes = new List<byte>(seeds[from]);
        // Mostly one edit: a mutant close to a valid incident reaches the binder and the decision, not only the parser.
        var edits = _random.Next(3) == 0 ? 2 + _random.Next(3) : 1;
        for (var i = 0; i < edits; i++) Mutate(bytes);
        return (bytes.ToArray(), from);
    }

    private void Mutate(List<byte> b)
    {
        if (b.Count == 0) { b.AddRange(Encoding.UTF8.GetBytes(Pick(HostileValues))); return; }
        switch (_random.Next(9))
        {
            case 0: b[_random.Next(b.Count)] = HostileBytes[_random.Next(HostileBytes.Length)]; break;
            case 1: b[_random.Next(b.Count)] = (byte)_random.Next(256); break;
            case 2:
            {
                var at = _random.Next(b.Count);
                b.RemoveRange(at, Math.Min(b.Count - at, 1 + _random.Next(16)));
                break;
            }
            case 3:
            {
                var at = _random.Next(b.Count);
                var span = b.GetRange(at, Math.Min(b.Count - at, 1 + _random.Next(64)));
                b.InsertRange(_random.Next(b.Count + 1), span);
                break;
            }
            case 4: b.InsertRange(_random.Next(b.Count + 1), Encoding.UTF8.GetBytes(Pick(HostileValues))); break;
            case 5: ReplaceValue(b); break;
            case 6: ReplaceKey(b); break;
            case 7:
            {
                var at = _random.Next(b.Count); // truncate
                b.RemoveRange(at, b.Count - at);
                break;
            }
            default:
            {
                var depth = 1 + _random.Next(80);
                var at = _random.Next(b.Count + 1);
                b.InsertRange(at, Encoding.ASCII.GetBytes(new string('[', depth) + new string(']', depth)));
                break;
            }
        }
    }

    // A value is the text after a `:` up to the next `,` `}` `]` or line end: swapped for a hostile value.
    private void ReplaceValue(List<byte> b)
    {
        var colons = Indexes(b, (byte)':');
        if (colons.Count == 0) return;
        var start = colons[_random.Next(colons.Count)] + 1;
        while (start < b.Count && b[start] == ' ') start++;
        var end = start;
        var quoted = end < b.Count && b[end] == '"';
        if (quoted) { end++; while (end < b.Count && b[end] != '"') end++; end = Math.Min(b.Count, end + 1); }
        else while (end < b.Count && b[end] is not ((byte)',' or (byte)'}' or (byte)']' or (byte)'\n')) end++;
        var value = Pick(HostileValues);
        // YAML seeds take the value unquoted half the time, as a user would type it.
        if (!quoted && value.StartsWith('"') && _random.Next(2) == 0) value = value.Trim('"');
        b.RemoveRange(start, end - start);
        b.InsertRange(start, Encoding.UTF8.GetBytes(value));
    }

    // A key is the word before a `:`; swapped for a misspelt, unknown or jurisdiction key.
    private void ReplaceKey(List<byte> b)
    {
        var colons = Indexes(b, (byte)':');
        if (colons.Count == 0) return;
        var end = colons[_random.Next(colons.Count)];
        var quoted = end > 0 && b[end - 1] == '"';
        var stop = quoted ? end - 1 : end;
        var start = stop - 1;
        while (start >= 0 && b[start] is not ((byte)'"' or (byte)' ' or (byte)'\n' or (byte)'{' or (byte)',')) start--;
        start++;
        if (start >= stop) return;
        var key = Pick(HostileKeys);
        b.RemoveRange(start, stop - start);
        b.InsertRange(start, Encoding.UTF8.GetBytes(key));
    }

    private static List<int> Indexes(List<byte> b, byte value)
    {
        var list = new List<int>();
        for (var i = 0; i < b.Count; i++) if (b[i] == value) list.Add(i);
        return list;
    }

    private string Pick(string[] values) => values[_random.Next(values.Length)];
}
