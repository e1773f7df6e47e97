using NodaTime;

namespace Verdict.Salesforce.Events;

/// <summary>Parses the instants Salesforce writes, from bytes, without culture or allocation.</summary>
internal static class Timestamps
{
    /// <summary>
    /// ISO-8601 as in TIMESTAMP_DERIVED and EventDate: <c>2026-11-19T22:10:00.123Z</c>, an offset <c>+01:00</c> or
    /// <c>+0000</c>, or none (then read in <paramref name="zone"/>, the org's zone).
    /// </summary>
    public static bool TryParseIso(ReadOnlySpan<byte> s, DateTimeZone zone, out Instant at)
    {
        at = default;
        if (s.Length < 19 || s[4] != '-' || s[7] != '-' || (s[10] != 'T' && s[10] != ' ') || s[13] != ':' || s[16] != ':') return false;
        if (!Int(s, 0, 4, out var y) || !Int(s, 5, 2, out var mo) || !Int(s, 8, 2, out var d) ||
            !Int(s, 11, 2, out var h) || !Int(s, 14, 2, out var mi) || !Int(s, 17, 2, out var sec)) return false;
        var i = 19;
        long ticks = 0;
        if (i < s.Length && s[i] == '.')
        {
            i++;
            var digits = 0;
            while (i < s.Length && s[i] >= '0' && s[i] <= '9')
            {
                if (digits < 7) { ticks = ticks * 10 + (s[i] - '0'); digits++; }
                i++;
            }
            if (digits == 0) return false;
            for (; digits < 7; digits++) ticks *= 10;
        }
        if (!Valid(y, mo, d, h, mi, sec)) return false;
        var local = new LocalDateTime(y, mo, d, h, mi, sec).PlusTicks(ticks);
        if (i == s.Length) { at = local.InZoneLeniently(zone).ToInstant(); return true; }
        if (s[i] == 'Z' && i + 1 == s.Length) { at = local.InUtc().ToInstant(); return true; }
        if (s[i] != '+' && s[i] != '-') return false;
        var sign = s[i] == '-' ? -1 : 1;
        int oh, om;
        if (s.Length - i == 6 && s[i + 3] == ':') { if (!Int(s, i + 1, 2, out oh) || !Int(s, i + 4, 2, out om)) return false; }
        else if (s.Length - i == 5) { if (!Int(s, i + 1, 2, out oh) || !Int(s, i + 3, 2, out om)) return false; }
        else return false;
        if (oh > 18 || om > 59) return false;
        at = local.WithOffset(Offset.FromSeconds(sign * (oh * 3600 + om * 60))).ToInstant();
        return true;
    }

    /// <summary>The TIMESTAMP column of event log files: <c>20130715233322.670</c>, in GMT.</summary>
    public static bool TryParseGmt(ReadOnlySpan<byte> s, out Instant at)
    {
        at = default;
        if (s.Length < 14) return false;
        if (!Int(s, 0, 4, out var y) || !Int(s, 4, 2, out var mo) || !Int(s, 6, 2, out var d) ||
            !Int(s, 8, 2, out var h) || !Int(s, 10, 2, out var mi) || !Int(s, 12, 2, out var sec)) return false;
        long ms = 0;
        if (s.Length > 14)
        {
            if (s[14] != '.' || s.Length > 18 || s.Length == 15 || !Int(s, 15, s.Length - 15, out var f)) return false;
            ms = f * (s.Length == 16 ? 100 : s.Length == 17 ? 10 : 1);
        }
        if (!Valid(y, mo, d, h, mi, sec)) return false;
        at = new LocalDateTime(y, mo, d, h, mi, sec).PlusMilliseconds(ms).InUtc().ToInstant();
        return true;
    }

    private static bool Valid(int y, int mo, int d, int h, int mi, int sec) =>
        y >= 1900 && y <= 9999 && mo is >= 1 and <= 12 && d >= 1 && d <= CalendarSystem.Iso.GetDaysInMonth(y, mo) && h <= 23 && mi <= 59 && sec <= 59;

    private static bool Int(ReadOnlySpan<byte> s, int at, int len, out int v)
    {
        v = 0;
        if (at + len > s.Length) return false;
        for (var i = at; i < at + len; i++)
        {
            var c = s[i];
            if (c < '0' || c > '9') return false;
            v = v * 10 + (c - '0');
        }
        return true;
    }

    /// <summary>A row count: digits, optionally with a zero fraction (<c>150.0</c>, as real-time exports write doubles).</summary>
    public static bool TryParseCount(ReadOnlySpan<byte> s, out long v)
    {
        v = 0;
        if (s.Length == 0 || s.Length > 18) return false;
        var i = 0;
        for (; i < s.Length && s[i] != '.'; i++)
        {
            var c = s[i];
            if (c < '0' || c > '9') return false;
            v = v * 10 + (c - '0');
        }
        if (i == 0) return false;
        if (i < s.Length)
            for (i++; i < s.Length; i++) if (s[i] != '0') return false;
        return true;
    }
}
