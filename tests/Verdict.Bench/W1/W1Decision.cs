using System.Buffers;
using System.Text.Json;

namespace Verdict.Bench.W1;

/// <summary>One obligation in W1's canonical form; <see cref="DueAt"/> is UTC, null for "without undue delay".</summary>
public readonly record struct W1Obligation(string Regime, string Recipient, DateTime? DueAt);

/// <summary>One line of W1's expected.jsonl (W1.md, "Decision").</summary>
public sealed record W1Decision(string Id, string Severity, W1Obligation[] Obligations)
{
    /// <summary>W1's order: dueAt ascending with nulls last, then regime, then recipient (ordinal, as Python sorts).</summary>
    public static int Order(W1Obligation a, W1Obligation b)
    {
        if (a.DueAt is null != b.DueAt is null) return a.DueAt is null ? 1 : -1;
        if (a.DueAt is { } x && b.DueAt is { } y && x != y) return x.CompareTo(y);
        var c = string.CompareOrdinal(a.Regime, b.Regime);
        return c != 0 ? c : string.CompareOrdinal(a.Recipient, b.Recipient);
    }

    private static readonly JsonWriterOptions Compact = new() { Indented = false, SkipValidation = true };

    /// <summary>Writes decisions as W1's canonical JSON lines (no spaces, keys in W1's order, \n line ends).</summary>
    public static void WriteAll(IReadOnlyList<W1Decision> decisions, ArrayBufferWriter<byte> into)
    {
        using var w = new Utf8JsonWriter(into, Compact);
        Span<byte> stamp = stackalloc byte[20];
        foreach (var d in decisions)
        {
            w.WriteStartObject();
            w.WriteString("id"u8, d.Id);
            w.WriteString("severity"u8, d.Severity);
            w.WriteStartArray("obligations"u8);
            foreach (var o in d.Obligations)
            {
                w.WriteStartObject();
                w.WriteString("regime"u8, o.Regime);
                w.WriteString("recipient"u8, o.Recipient);
                if (o.DueAt is { } due) { Format(due, stamp); w.WriteString("dueAt"u8, stamp); }
                else w.WriteNull("dueAt"u8);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
            w.Flush();
            w.Reset(into);
            into.Write("\n"u8);
        }
    }

    /// <summary>2026-03-17T09:30:00Z.</summary>
    private static void Format(DateTime t, Span<byte> s)
    {
        Digits(s[..4], t.Year); s[4] = (byte)'-';
        Digits(s.Slice(5, 2), t.Month); s[7] = (byte)'-';
        Digits(s.Slice(8, 2), t.Day); s[10] = (byte)'T';
        Digits(s.Slice(11, 2), t.Hour); s[13] = (byte)':';
        Digits(s.Slice(14, 2), t.Minute); s[16] = (byte)':';
        Digits(s.Slice(17, 2), t.Second); s[19] = (byte)'Z';
    }

    private static void Digits(Span<byte> s, int v)
    {
        for (var i = s.Length - 1; i >= 0; i--) { s[i] = (byte)('0' + v % 10); v /= 10; }
    }
}
