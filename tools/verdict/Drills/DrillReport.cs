using System.Net;
using System.Text;
using NodaTime;
using Verdict.Rendering;

namespace Verdict.Cli.Drills;

/// <summary>Renders a replayed drill: the clock, step by step, then the after-action report.</summary>
public static class DrillReport
{
    /// <summary>Plain text (<paramref name="markdown"/> false) or Markdown.</summary>
    public static string Write(DrillRun run, bool markdown)
    {
        var s = new StringBuilder();
        var sc = run.Scenario;
        string H(int level, string text) => markdown ? new string('#', level) + " " + text + "\n\n" : text + "\n" + (level <= 2 ? new string(level == 1 ? '=' : '-', Math.Min(text.Length, 80)) + "\n" : "");
        string Item(string text, int depth = 0) => new string(' ', depth * 2) + (markdown ? "- " : "  - ") + text + "\n";

        s.Append(H(1, $"Drill {sc.Id}: {sc.Title}"));
        s.Append($"T0 {DrillReplay.Show(sc.Start)} (awareness, from {sc.FactsFile}) · end {DrillReplay.Show(sc.End)} · {sc.Injects.Count} injects · {sc.Team.Count} team actions\n\n");

        s.Append(H(2, "Replay"));
        foreach (var c in run.Checkpoints)
        {
            var d = c.Decision;
            s.Append(H(3, $"T+{Offset(c.At - sc.Start)} ({DrillReplay.Show(c.At)}) — {c.Title}"));
            foreach (var l in c.Learned) s.Append(Item("learned: " + l));
            foreach (var f in c.FellDue) s.Append(Item(f));
            foreach (var ch in c.Changes) s.Append(Item("changed: " + ch));
            var required = d.Obligations.Count(o => o.Status == "required");
            var undecided = d.Obligations.Count(o => o.Status == "indeterminate");
            s.Append(Item($"severity {d.Severity.Level}; {required} required, {undecided} undecided; paged: {(d.Escalation.Count == 0 ? "nobody" : string.Join(", ", d.Escalation.Select(e => e.Role).Distinct()))}"));
            var next = d.Obligations.Where(o => o.Status == "required" && o.DueAt is { } due && due >= c.At && DrillReplay.Submitted(sc, o, c.At) is null)
                .OrderBy(o => o.DueAt).FirstOrDefault();
            if (next is not null) s.Append(Item($"next due: {next.Id} ({next.Stage}) to {next.Recipient} in {ClockView.Format(next.DueAt!.Value - c.At)}"));
            s.Append(markdown ? "\n" : "\n");
        }

        s.Append(H(2, "After-action report"));
        s.Append(H(3, "Notification duties"));
        foreach (var o in run.Duties)
            s.Append(Item($"{o.Result.ToUpperInvariant()}: {o.Obligation.Id} ({o.Obligation.Stage}) to {o.Obligation.Recipient}, due {DrillReplay.Show(o.Obligation.DueAt)}" +
                          (o.SubmittedAt is { } at ? $", submitted {DrillReplay.Show(at)}" : "") + Margin(o.Result, o.Margin)));
        if (run.Duties.Count == 0) s.Append(Item("no duty applies"));
        s.Append(markdown ? "\n" : "\n");
        s.Append(H(3, "Escalation"));
        foreach (var a in run.Acks)
            s.Append(Item($"{a.Result.ToUpperInvariant()}: {a.Step.Role} paged {DrillReplay.Show(a.PagedAt)}, ack due {DrillReplay.Show(a.DueAt)}" + (a.AckAt is { } at ? $", acknowledged {DrillReplay.Show(at)}" : "")));
        if (run.Acks.Count == 0) s.Append(Item("nobody is paged"));
        s.Append(markdown ? "\n" : "\n");
        s.Append(H(3, "Containment"));
        foreach (var a in run.Actions)
            s.Append(Item($"{a.Result.ToUpperInvariant()}: {a.Action.Order}. {a.Action.Id}" + (a.DoneAt is { } at ? $", done {DrillReplay.Show(at)}" : "") +
                          (a.DoneBefore.Count > 0 ? $" before {string.Join(", ", a.DoneBefore)} it depends on" : "")));
        if (run.Actions.Count == 0) s.Append(Item("no action planned"));
        return s.ToString();
    }

    /// <summary>A self-contained HTML page: the after-action report, then the final decision's page.</summary>
    public static string Html(DrillRun run)
    {
        var last = run.Checkpoints[^1];
        var page = DecisionHtml.Write(last.Decision, last.Facts, new ClockView(run.Scenario.End));
        var section = new StringBuilder();
        section.Append("<section aria-labelledby=\"h-drill\">\n<h2 id=\"h-drill\">Drill ").Append(E(run.Scenario.Id)).Append(": ").Append(E(run.Scenario.Title)).Append("</h2>\n");
        section.Append("<table>\n<caption>Replay: a decision at each inject</caption>\n<thead><tr><th scope=\"col\">When</th><th scope=\"col\">What happened</th><th scope=\"col\">What changed</th><th scope=\"col\">Severity</th></tr></thead>\n<tbody>\n");
        foreach (var c in run.Checkpoints)
            section.Append("<tr><th scope=\"row\">T+").Append(E(Offset(c.At - run.Scenario.Start))).Append("<br><small>").Append(DrillReplay.Show(c.At)).Append("</small></th><td>")
                .Append(E(c.Title)).Append(c.Learned.Count > 0 ? "<br><small>" + E(string.Join("; ", c.Learned)) + "</small>" : "").Append("</td><td>")
                .Append(E(string.Join("; ", c.FellDue.Concat(c.Changes)))).Append("</td><td>").Append(E(c.Decision.Severity.Level)).Append("</td></tr>\n");
        section.Append("</tbody>\n</table>\n<table>\n<caption>After-action: notification duties</caption>\n<thead><tr><th scope=\"col\">Result</th><th scope=\"col\">Duty</th><th scope=\"col\">Due</th><th scope=\"col\">Submitted</th><th scope=\"col\">Margin</th></tr></thead>\n<tbody>\n");
        foreach (var o in run.Duties)
            section.Append("<tr><td>").Append(E(o.Result)).Append("</td><th scope=\"row\"><code>").Append(E(o.Obligation.Id)).Append("</code> ").Append(E(o.Obligation.Stage)).Append("</th><td>")
                .Append(DrillReplay.Show(o.Obligation.DueAt)).Append("</td><td>").Append(DrillReplay.Show(o.SubmittedAt)).Append("</td><td>").Append(E(Margin(o.Result, o.Margin).TrimStart(',', ' '))).Append("</td></tr>\n");
        section.Append("</tbody>\n</table>\n<table>\n<caption>After-action: escalation and containment</caption>\n<thead><tr><th scope=\"col\">Result</th><th scope=\"col\">Who or what</th><th scope=\"col\">Detail</th></tr></thead>\n<tbody>\n");
        foreach (var a in run.Acks)
            section.Append("<tr><td>").Append(E(a.Result)).Append("</td><th scope=\"row\">").Append(E(a.Step.Role)).Append("</th><td>paged ").Append(DrillReplay.Show(a.PagedAt))
                .Append(", ack due ").Append(DrillReplay.Show(a.DueAt)).Append(", acknowledged ").Append(DrillReplay.Show(a.AckAt)).Append("</td></tr>\n");
        foreach (var a in run.Actions)
            section.Append("<tr><td>").Append(E(a.Result)).Append("</td><th scope=\"row\"><code>").Append(E(a.Action.Id)).Append("</code></th><td>done ").Append(DrillReplay.Show(a.DoneAt))
                .Append(a.DoneBefore.Count > 0 ? ", before " + E(string.Join(", ", a.DoneBefore)) : "").Append("</td></tr>\n");
        section.Append("</tbody>\n</table>\n</section>\n");
        return page.Replace("<main>\n", "<main>\n" + section, StringComparison.Ordinal);
    }

    private static string Margin(string result, Duration? margin) => margin is not { } m ? "" : result switch
    {
        "met" => $", {ClockView.Format(m)} to spare",
        "late" => $", {ClockView.Format(m)} late",
        "missed" => $", overdue by {ClockView.Format(m)} at the end",
        _ => $", {ClockView.Format(m)} left at the end",
    };

    private static string Offset(Duration d) => d == Duration.Zero ? "0" : ClockView.Format(d);

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
