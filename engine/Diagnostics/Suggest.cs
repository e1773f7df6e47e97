namespace Verdict.Diagnostics;

/// <summary>"Did you mean" suggestions by edit distance.</summary>
public static class Suggest
{
    /// <summary>The candidate nearest to <paramref name="value"/>, if it is close enough to be a likely typo.</summary>
    public static string? Nearest(string value, IEnumerable<string> candidates)
    {
        // no typo is this long; a hostile value must not cost length x length work per candidate
        if (value.Length > 64) return null;
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var c in candidates)
        {
            if (c.Length > 64) continue;
            var d = Distance(value.ToLowerInvariant(), c.ToLowerInvariant());
            if (d < bestDistance || (d == bestDistance && string.CompareOrdinal(c, best) < 0)) { best = c; bestDistance = d; }
        }
        var limit = Math.Max(1, Math.Min(3, value.Length / 3));
        return bestDistance <= limit ? best : null;
    }

    /// <summary>Damerau-Levenshtein distance (adjacent transpositions count as one edit).</summary>
    public static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++) d[i, 0] = i;
        for (var j = 0; j <= b.Length; j++) d[0, j] = j;
        for (var i = 1; i <= a.Length; i++)
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
            }
        return d[a.Length, b.Length];
    }
}
