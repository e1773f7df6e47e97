using Verdict.Compilation;
using Verdict.Decisions;

namespace Verdict.Cli.Diffing;

/// <summary>What changed for one incident: its field changes, or a decision that failed on one side.</summary>
internal sealed class IncidentDiff
{
    public required string Source { get; init; }
    public required string IncidentId { get; init; }
    public List<DecisionChange> Changes { get; } = [];
    public (string? Before, string? After)? Error { get; set; }

    public bool Changed => Changes.Count > 0 || Error is not null;

    /// <summary>The incident's change without its own values: incidents with one shape changed the same way.</summary>
    public string Shape => string.Join("\n", (Error is { } e ? [$"error: {e.Before ?? "none"} → {e.After ?? "none"}"] : Array.Empty<string>())
        .Concat(Changes.Select(c => c.Shape)));

    /// <summary>The severity level change, if the level moved.</summary>
    public DecisionChange? Level => Changes.FirstOrDefault(c => c.Part == "severity" && c.Field == "level");
}

/// <summary>Incidents that changed the same way, in corpus order.</summary>
internal sealed record ChangeGroup(IReadOnlyList<string> Shape, IReadOnlyList<IncidentDiff> Incidents);

/// <summary>The comparison of every incident of a corpus, and the counts the summary shows.</summary>
internal sealed class DiffReport(PolicyBundle before, PolicyBundle after, bool exact = false)
{
    public PolicyBundle BaseBundle { get; } = before;
    public PolicyBundle HeadBundle { get; } = after;
    public BundleInfo Base { get; } = new(before.Name, before.Version, before.Digest);
    public BundleInfo Head { get; } = new(after.Name, after.Version, after.Digest);
    public List<IncidentDiff> Incidents { get; } = [];
    public List<(string Source, string Error)> Unreadable { get; } = [];

    public IEnumerable<IncidentDiff> Changed => Incidents.Where(i => i.Changed);

    /// <summary>Changed incidents grouped by identical change, the largest group first (ties in corpus order).</summary>
    public List<ChangeGroup> Groups() => Changed
        .Select((i, n) => (i, n)).GroupBy(x => x.i.Shape, StringComparer.Ordinal)
        .OrderByDescending(g => g.Count()).ThenBy(g => g.First().n)
        .Select(g => new ChangeGroup(g.Key.Split('\n'), g.Select(x => x.i).ToList())).ToList();

    public int ObligationsAdded => Count(c => c.Part == "obligations" && c.Field is null && c.Before is null);
    public int ObligationsRemoved => Count(c => c.Part == "obligations" && c.Field is null && c.After is null);
    public int DeadlinesMoved => Incidents.Sum(i => i.Changes.Where(c => c.Part == "obligations" && c.Field is "dueAt" or "legalDueAt").Select(c => c.Subject).Distinct().Count());
    public int StatusChanged => Count(c => c.Part == "obligations" && c.Field == "status");
    public int SeverityUp => Changed.Count(i => i.Level is { } l && Rank(l.After) > Rank(l.Before));
    public int SeverityDown => Changed.Count(i => i.Level is { } l && Rank(l.After) < Rank(l.Before));
    public int IncidentsWith(string part) => Changed.Count(i => i.Changes.Any(c => c.Part == part));

    private int Count(Func<DecisionChange, bool> which) => Incidents.Sum(i => i.Changes.Count(which));

    private static int Rank(string? level) => Array.IndexOf(Expressions.SeverityView.Levels, level);

    public void Add(string source, string incidentId, (Decision? Decision, string? Error) b, (Decision? Decision, string? Error) h)
    {
        var diff = new IncidentDiff { Source = source, IncidentId = incidentId };
        Incidents.Add(diff);
        if (b.Error != h.Error) diff.Error = (b.Error, h.Error);
        if (b.Decision is not { } x || h.Decision is not { } y) return;
        diff.Changes.AddRange(DecisionDiff.Compare(DecisionDiff.Tree(x), DecisionDiff.Tree(y), exact));
    }
}
