namespace Verdict.Facts;

/// <summary>
/// Reads <c>breach.restoredWithin</c>, an ISO-8601 duration of days, hours, minutes and seconds (<c>P2DT4H</c>), with
/// checked arithmetic: a duration of a billion days is refused, not wrapped into a negative number of seconds.
/// </summary>
internal static class RestoredDuration
{
    internal enum Status { Valid, Malformed, TooLong }

    /// <summary>Parses <paramref name="text"/> into seconds, at most <see cref="FactsLoader.MaxRestoredWithinSeconds"/>.</summary>
    public static Status Parse(string text, out long seconds)
    {
        seconds = 0;
        if (text.Length < 3 || text[0] != 'P') return Status.Malformed;
        var inTime = false;
        var any = false;
        var order = 0; // D, then T, then H, M, S: each at most once, in this order
        long number = -1;
        for (var i = 1; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsAsciiDigit(c))
            {
                // More digits than any valid duration has: too long, whatever follows.
                if (number > FactsLoader.MaxRestoredWithinSeconds) return Status.TooLong;
                number = (number < 0 ? 0 : number * 10) + (c - '0');
                continue;
            }
            if (c == 'T')
            {
                if (inTime || number >= 0 || i == text.Length - 1) return Status.Malformed;
                inTime = true;
                continue;
            }
            var (rank, unit) = (inTime, c) switch
            {
                (false, 'D') => (1, 86_400L),
                (true, 'H') => (2, 3_600L),
                (true, 'M') => (3, 60L),
                (true, 'S') => (4, 1L),
                _ => (0, 0L),
            };
            if (rank == 0 || rank <= order || number < 0) return Status.Malformed;
            order = rank;
            if (number > FactsLoader.MaxRestoredWithinSeconds / unit) return Status.TooLong;
            seconds += number * unit;
            if (seconds > FactsLoader.MaxRestoredWithinSeconds) return Status.TooLong;
            number = -1;
            any = true;
        }
        return number >= 0 || !any ? Status.Malformed : Status.Valid;
    }
}
