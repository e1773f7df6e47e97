using System.Text;

namespace Verdict.Cli.Diffing;

/// <summary>The diff report as plain text for a terminal: every changed incident with its changes.</summary>
internal static class DiffText
{
    public static string Write(DiffReport r)
    {
        var t = new StringBuilder();
        t.Append($"base {r.Base.Name} {r.Base.Version} ({Short(r.Base.Digest)}) → head {r.Head.Name} {r.Head.Version} ({Short(r.Head.Digest)})\n");
        foreach (var i in r.Changed)
        {
            t.Append($"\n{i.IncidentId}  {i.Source}\n");
            foreach (var line in Lines(i)) t.Append("  ").Append(line).Append('\n');
        }
        foreach (var (source, error) in r.Unreadable) t.Append($"\nskipped {source}: {error}\n");
        t.Append('\n').Append(Summary(r)).Append('\n');
        return t.ToString();
    }

    internal static string Short(string digest) => digest.Length > 19 ? digest[..19] + "…" : digest;

    internal static IEnumerable<string> Lines(IncidentDiff i)
    {
        if (i.Error is { } e) yield return $"error: {e.Before ?? "none"} → {e.After ?? "none"}";
        foreach (var c in i.Changes) yield return c.Text;
    }

    internal static string Summary(DiffReport r)
    {
        var changed = r.Changed.Count();
        return $"{changed} of {r.Incidents.Count} incidents change: " +
               $"severity {r.Changed.Count(c => c.Level is not null)} (up {r.SeverityUp}, down {r.SeverityDown}), " +
               $"obligations +{r.ObligationsAdded} -{r.ObligationsRemoved}, {r.DeadlinesMoved} deadlines moved, {r.StatusChanged} status changes, " +
               $"purpose violations {r.IncidentsWith("purposeViolations")}, escalation {r.IncidentsWith("escalation")}, actions {r.IncidentsWith("actions")}" +
               (r.Unreadable.Count > 0 ? $"; {r.Unreadable.Count} facts files skipped" : "");
    }
}
