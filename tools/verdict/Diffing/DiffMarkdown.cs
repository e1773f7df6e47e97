using System.Text;

namespace Verdict.Cli.Diffing;

/// <summary>
/// The diff report as Markdown for a pull-request comment: the summary, then one row per group of incidents that
/// changed the same way (count, the change, a few examples), then each group's first example in detail. It stays under
/// <see cref="MaxBytes"/> whatever the corpus: groups that do not fit are counted and left to the full report.
/// </summary>
internal static class DiffMarkdown
{
    /// <summary>GitHub refuses comments over 65,536 characters; keep well under it.</summary>
    public const int MaxBytes = 60_000;

    private const int Examples = 3;

    public static string Write(DiffReport r, string? fullReport = null, int maxBytes = MaxBytes)
    {
        var t = Head(r);
        var groups = r.Groups();
        if (groups.Count == 0) { t.Append("No decision in the corpus changes.\n"); return Tail(t, r).ToString(); }

        var rows = groups.Select(Row).ToList();
        var details = groups.Select(Detail).ToList();
        var tail = Tail(new StringBuilder(), r).ToString();
        // Room for the table header, the notes and the closing lines; what is left is shared by rows, then details.
        var budget = maxBytes - Bytes(t.ToString()) - Bytes(tail) - 600 - (fullReport?.Length ?? 0) * 2;
        var shownRows = Fit(rows, ref budget);
        var shownDetails = Fit(details.Take(shownRows).ToList(), ref budget);

        t.Append("| incidents | change | examples |\n|---:|---|---|\n");
        foreach (var row in rows.Take(shownRows)) t.Append(row);
        if (shownRows < groups.Count)
        {
            var left = groups.Skip(shownRows).ToList();
            var n = left.Sum(g => g.Incidents.Count);
            t.Append($"\n{left.Count} more group{(left.Count == 1 ? "" : "s")} of changes ({n} incident{(n == 1 ? "" : "s")}) not shown");
            t.Append(fullReport is null ? "; run with `--output-full FILE` for every incident.\n" : $"; every incident is in `{fullReport}`.\n");
        }
        else if (fullReport is not null) t.Append($"\nEvery incident is in `{fullReport}`.\n");
        if (shownDetails > 0)
        {
            t.Append("\n<details><summary>Examples</summary>\n\n");
            foreach (var d in details.Take(shownDetails)) t.Append(d);
            t.Append("</details>\n");
        }
        return Tail(t, r).ToString();
    }

    /// <summary>Every changed incident with all its changes, with no size limit (the artifact beside the comment).</summary>
    public static string WriteFull(DiffReport r)
    {
        var t = Head(r);
        var changed = r.Changed.ToList();
        if (changed.Count == 0) t.Append("No decision in the corpus changes.\n");
        foreach (var i in changed) t.Append(Incident(i));
        return Tail(t, r).ToString();
    }

    private static StringBuilder Head(DiffReport r)
    {
        var t = new StringBuilder("### Verdict: decisions changed by this pull request\n\n");
        t.Append($"`{r.Base.Name}` {r.Base.Version} (`{DiffText.Short(r.Base.Digest)}`) → {r.Head.Version} (`{DiffText.Short(r.Head.Digest)}`)\n\n");
        t.Append("**").Append(DiffText.Summary(r)).Append("**\n\n");
        return t;
    }

    private static StringBuilder Tail(StringBuilder t, DiffReport r)
    {
        foreach (var (source, error) in r.Unreadable.Take(20)) t.Append($"\n> skipped `{Esc(source)}`: {Esc(error)}\n");
        if (r.Unreadable.Count > 20) t.Append($"\n> and {r.Unreadable.Count - 20} more facts files skipped\n");
        return t;
    }

    private static string Row(ChangeGroup g)
    {
        var examples = string.Join(", ", g.Incidents.Take(Examples).Select(i => Esc(i.IncidentId))) + (g.Incidents.Count > Examples ? ", …" : "");
        var change = string.Join("<br>", g.Shape.Take(12).Select(s => $"`{Code(s)}`")) + (g.Shape.Count > 12 ? $"<br>and {g.Shape.Count - 12} more" : "");
        return $"| {g.Incidents.Count} | {change} | {examples} |\n";
    }

    private static string Detail(ChangeGroup g) => Incident(g.Incidents[0]);

    private static string Incident(IncidentDiff i)
    {
        var t = new StringBuilder($"**{Esc(i.IncidentId)}** ({Esc(i.Source)})\n\n```diff\n");
        foreach (var line in DiffText.Lines(i)) t.Append(line.Replace("```", "ˋˋˋ")).Append('\n');
        return t.Append("```\n\n").ToString();
    }

    /// <summary>How many of <paramref name="parts"/> fit in the budget, which it then spends.</summary>
    private static int Fit(List<string> parts, ref int budget)
    {
        var n = 0;
        foreach (var p in parts)
        {
            var size = Bytes(p);
            if (size > budget) break;
            budget -= size;
            n++;
        }
        return n;
    }

    private static int Bytes(string s) => Encoding.UTF8.GetByteCount(s);

    private static string Esc(string s) => s.Replace("|", "\\|").Replace("<", "&lt;").Replace("\n", " ");

    private static string Code(string s) => Esc(s).Replace("`", "'");
}
