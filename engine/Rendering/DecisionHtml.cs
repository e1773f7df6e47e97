using System.Globalization;
using System.Net;
using System.Text;
using NodaTime;
using Verdict.Decisions;
using Verdict.Facts;

namespace Verdict.Rendering;

/// <summary>
/// The decision as one self-contained HTML page for the people who run an incident: a deadline timeline (inline SVG),
/// the obligations with time left, escalation, the containment plan, what is still unknown, and every notice draft.
/// No script, font, image or stylesheet is fetched (a Content-Security-Policy forbids it); the same inputs give the
/// same bytes; it prints (save as PDF) without the screen chrome.
/// </summary>
public static class DecisionHtml
{
    /// <summary>Renders the page. <paramref name="facts"/> supplies the clock events drawn on the timeline.</summary>
    public static string Write(Decision d, IncidentFacts? facts = null, ClockView? clock = null)
    {
        var s = new StringBuilder(16 * 1024);
        s.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
        s.Append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n");
        s.Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        s.Append("<title>Incident ").Append(E(d.IncidentId)).Append(" — Verdict decision</title>\n");
        s.Append("<style>").Append(Css).Append("</style>\n</head>\n<body>\n");

        Header(s, d, clock);
        s.Append("<main>\n");
        Timeline(s, d, facts, clock);
        Obligations(s, d, clock);
        Questions(s, d);
        Escalation(s, d);
        Actions(s, d);
        Violations(s, d);
        Drafts(s, d);
        s.Append("</main>\n<footer><p>Rendered by Verdict from decision <code>").Append(E(d.DecisionId))
            .Append("</code>. Times are UTC. Review every draft before submission.</p></footer>\n</body>\n</html>\n");
        return s.ToString();
    }

    private static void Header(StringBuilder s, Decision d, ClockView? clock)
    {
        var sev = d.Severity;
        s.Append("<header>\n<h1>Incident <span class=\"id\">").Append(E(d.IncidentId)).Append("</span></h1>\n");
        s.Append("<p class=\"severity sev-").Append(E(sev.Level)).Append("\"><span class=\"label\">Severity</span> <strong>")
            .Append(E(sev.Level.ToUpperInvariant())).Append("</strong>");
        if (sev.Policy.Length > 0) s.Append(" <span class=\"muted\">(").Append(E(sev.Policy))
            .Append(sev.Rows.Count > 0 ? ", rows " + E(string.Join(", ", sev.Rows)) : "").Append(")</span>");
        s.Append("</p>\n");
        if (sev.Reasons.Count > 0 || sev.MissingFacts.Count > 0)
        {
            s.Append("<ul class=\"reasons\">\n");
            foreach (var r in sev.Reasons) s.Append("<li>").Append(E(r)).Append("</li>\n");
            if (sev.MissingFacts.Count > 0) s.Append("<li>missing facts: ").Append(Codes(sev.MissingFacts)).Append("</li>\n");
            s.Append("</ul>\n");
        }
        var risk = d.Risk;
        s.Append("<p class=\"risk\"><span class=\"label\">Risk to people</span> <strong>").Append(E(risk.Level.ToUpperInvariant())).Append("</strong>");
        if (risk.Derived is { } derived && risk.Controller is { } controller)
            s.Append(" <span class=\"muted\">(the controller assessed ").Append(E(controller)).Append(", the policy derives ").Append(E(derived)).Append(')')
                .Append(risk.Disagreement ? " — they disagree" : "").Append("</span>");
        else if (risk.Policy.Length > 0) s.Append(" <span class=\"muted\">(derived by ").Append(E(risk.Policy)).Append(")</span>");
        s.Append("</p>\n");
        if (risk.Reasons.Count > 0)
        {
            s.Append("<ul class=\"reasons\">\n");
            foreach (var r in risk.Reasons) s.Append("<li>").Append(E(r)).Append("</li>\n");
            s.Append("</ul>\n");
        }
        if (d.Failures.Count > 0)
        {
            // A policy that failed while deciding is the first thing a reader must see: its items are not decided.
            s.Append("<div class=\"failures\" role=\"alert\"><p><strong>").Append(d.Failures.Count).Append(d.Failures.Count == 1 ? " policy failed" : " policy failures")
                .Append(" while deciding; their items are <em>failed</em>, everything else is decided.</strong></p>\n<ul>\n");
            foreach (var f in d.Failures) s.Append("<li><code>").Append(E(f.ToString())).Append("</code></li>\n");
            s.Append("</ul></div>\n");
        }
        s.Append("<dl class=\"meta\">\n");
        Meta(s, "Bundle", $"{d.Bundle.Name} {d.Bundle.Version}");
        Meta(s, "Bundle digest", d.Bundle.Digest, code: true);
        Meta(s, "Decision", d.DecisionId, code: true);
        if (clock is not null) Meta(s, "As of", FactsJson.Format(clock.AsOf));
        s.Append("</dl>\n</header>\n");
    }

    private static void Meta(StringBuilder s, string term, string value, bool code = false) =>
        s.Append("<dt>").Append(term).Append("</dt><dd>").Append(code ? "<code>" + E(value) + "</code>" : E(value)).Append("</dd>\n");

    // ---- timeline -------------------------------------------------------------------------------------------------

    private const int Width = 960, Left = 260, Right = 24, Lane = 30, LabelRow = 15;

    private static readonly string[] ClockFields =
        ["occurredAt", "detectedAt", "awareAt", "assessedAt", "classifiedMajorAt", "materialityDeterminedAt", "containedAt"];

    private static void Timeline(StringBuilder s, Decision d, IncidentFacts? facts, ClockView? clock)
    {
        s.Append("<section aria-labelledby=\"h-timeline\">\n<h2 id=\"h-timeline\">Deadline timeline</h2>\n");
        var events = new List<(string Label, Instant At)>();
        if (facts is not null)
        {
            foreach (var f in ClockFields)
                if (facts.Clock(f) is { } at) events.Add((f, at));
            foreach (var n in facts.Notices) events.Add(("notice " + n.Obligation, n.SubmittedAt));
        }
        events.Sort((a, b) => a.At != b.At ? a.At.CompareTo(b.At) : string.CompareOrdinal(a.Label, b.Label));

        var points = new List<Instant>();
        points.AddRange(events.Select(e => e.At));
        foreach (var o in d.Obligations)
        {
            if (o.DueAt is { } due) points.Add(due);
            if (o.LegalDueAt is { } legal) points.Add(legal);
        }
        if (clock is not null) points.Add(clock.AsOf);
        if (points.Count == 0)
        {
            s.Append("<p>No instant is known yet: the facts give no clock event and no obligation has a fixed deadline.</p>\n</section>\n");
            return;
        }

        // Lanes: one per regime and recipient, in the order their first deadline falls (undated lanes last).
        var lanes = d.Obligations
            .GroupBy(o => (o.Regime, o.Recipient))
            .Select(g => (Key: g.Key, First: g.Where(o => o.DueAt is not null).Select(o => o.DueAt!.Value).DefaultIfEmpty(Instant.MaxValue).Min(), Items: g.ToList()))
            .OrderBy(l => l.First).ThenBy(l => l.Key.Regime, StringComparer.Ordinal).ThenBy(l => l.Key.Recipient, StringComparer.Ordinal)
            .ToList();

        var min = points.Min();
        var max = points.Max();
        var span = max - min;
        if (span < Duration.FromHours(6)) span = Duration.FromHours(6);
        var pad = Duration.FromTicks(span.BclCompatibleTicks / 30);
        min -= pad;
        var total = span + pad + pad;
        var plot = Width - Left - Right;
        double X(Instant t) => Left + (t - min).TotalTicks / total.TotalTicks * plot;
        // Event labels are packed greedily into rows above the plot so that neighbours never overlap.
        var rows = new List<double>();
        var labelRow = new int[events.Count];
        for (var i = 0; i < events.Count; i++)
        {
            var x0 = X(events[i].At);
            var r = rows.FindIndex(end => end < x0);
            if (r < 0) { rows.Add(0); r = rows.Count - 1; }
            rows[r] = x0 + 7 * events[i].Label.Length + 8;
            labelRow[i] = r;
        }
        var top = 30 + Math.Max(1, rows.Count) * LabelRow;
        var height = top + Math.Max(1, lanes.Count) * Lane + 36;

        s.Append("<svg class=\"timeline\" role=\"img\" aria-labelledby=\"tl-title tl-desc\" viewBox=\"0 0 ").Append(Width).Append(' ').Append(height)
            .Append("\" width=\"100%\" preserveAspectRatio=\"xMinYMin meet\" xmlns=\"http://www.w3.org/2000/svg\">\n");
        s.Append("<title id=\"tl-title\">Deadlines of incident ").Append(E(d.IncidentId)).Append("</title>\n");
        s.Append("<desc id=\"tl-desc\">").Append(lanes.Count).Append(" recipient lanes from ").Append(FactsJson.Format(min + pad))
            .Append(" to ").Append(FactsJson.Format(max)).Append(". The obligations table below lists the same deadlines.</desc>\n");

        // Axis with ticks at whole UTC hours or days.
        var axisY = height - 28;
        s.Append("<line class=\"axis\" x1=\"").Append(N(Left)).Append("\" y1=\"").Append(axisY).Append("\" x2=\"").Append(N(Width - Right)).Append("\" y2=\"").Append(axisY).Append("\"/>\n");
        var step = TickStep(total);
        var first = Instant.FromUnixTimeTicks((min.ToUnixTimeTicks() / step.BclCompatibleTicks + 1) * step.BclCompatibleTicks);
        for (var t = first; t <= min + total; t += step)
        {
            var x = X(t);
            s.Append("<line class=\"tick\" x1=\"").Append(N(x)).Append("\" y1=\"").Append(top - 8).Append("\" x2=\"").Append(N(x)).Append("\" y2=\"").Append(axisY + 4).Append("\"/>");
            s.Append("<text class=\"ticklabel\" x=\"").Append(N(x)).Append("\" y=\"").Append(axisY + 18).Append("\">")
                .Append(step >= Duration.FromDays(1) ? t.InUtc().ToString("MM'-'dd", CultureInfo.InvariantCulture) : t.InUtc().ToString("MM'-'dd HH':'mm", CultureInfo.InvariantCulture))
                .Append("</text>\n");
        }

        // Clock events: dashed verticals labelled along the top, alternating rows so neighbours do not overlap.
        for (var i = 0; i < events.Count; i++)
        {
            var (label, at) = events[i];
            var x = X(at);
            s.Append("<g class=\"event\" data-event=\"").Append(E(label)).Append("\"><title>").Append(E(label)).Append(' ').Append(FactsJson.Format(at)).Append("</title>");
            s.Append("<line x1=\"").Append(N(x)).Append("\" y1=\"").Append(top - 6).Append("\" x2=\"").Append(N(x)).Append("\" y2=\"").Append(axisY).Append("\"/>");
            s.Append("<text x=\"").Append(N(x + 3)).Append("\" y=\"").Append(18 + labelRow[i] * LabelRow).Append("\">").Append(E(label)).Append("</text></g>\n");
        }

        for (var li = 0; li < lanes.Count; li++)
        {
            var (key, _, items) = lanes[li];
            var y = top + li * Lane + Lane / 2;
            s.Append("<g class=\"lane\"><text class=\"lanelabel\" x=\"").Append(Left - 8).Append("\" y=\"").Append(y + 4).Append("\">")
                .Append(E(key.Regime)).Append(" → ").Append(E(key.Recipient)).Append("</text>");
            s.Append("<line class=\"laneline\" x1=\"").Append(Left).Append("\" y1=\"").Append(y).Append("\" x2=\"").Append(Width - Right).Append("\" y2=\"").Append(y).Append("\"/></g>\n");
            foreach (var o in items) Marker(s, o, y, X, clock);
        }

        if (clock is not null)
        {
            var x = X(clock.AsOf);
            s.Append("<g class=\"now\"><title>now: ").Append(FactsJson.Format(clock.AsOf)).Append("</title><line x1=\"").Append(N(x)).Append("\" y1=\"").Append(top - 10)
                .Append("\" x2=\"").Append(N(x)).Append("\" y2=\"").Append(axisY).Append("\"/><text x=\"").Append(N(x + 3)).Append("\" y=\"").Append(top - 12).Append("\">now</text></g>\n");
        }
        s.Append("</svg>\n");
        s.Append("<p class=\"legend\"><span aria-hidden=\"true\">●</span> due · <span aria-hidden=\"true\">◆</span> legal due (later, by the law's counting rule) · <span aria-hidden=\"true\">✕</span> overdue · <span aria-hidden=\"true\">○</span> exempt · <span aria-hidden=\"true\">?</span> undecided (missing facts) · dashed lines are clock events</p>\n");
        s.Append("</section>\n");
    }

    private static void Marker(StringBuilder s, ObligationResult o, int y, Func<Instant, double> x, ClockView? clock)
    {
        var state = State(o, clock);
        s.Append("<g class=\"ob ").Append(state).Append("\" data-id=\"").Append(E(o.Id)).Append("\" data-stage=\"").Append(E(o.Stage)).Append('"');
        if (o.DueAt is { } due) s.Append(" data-due=\"").Append(FactsJson.Format(due)).Append("\" data-x=\"").Append(N(x(due))).Append('"');
        s.Append("><title>").Append(E(o.Id)).Append(" (").Append(E(o.Stage)).Append("): ").Append(E(o.Status));
        if (o.DueAt is { } d1) s.Append(", due ").Append(FactsJson.Format(d1));
        if (o.LegalDueAt is { } l1) s.Append(", legal due ").Append(FactsJson.Format(l1));
        if (o.MissingFacts.Count > 0) s.Append(", needs ").Append(E(string.Join(", ", o.MissingFacts)));
        s.Append("</title>");
        if (o.DueAt is { } at)
        {
            var cx = x(at);
            if (o.LegalDueAt is { } legal)
            {
                var lx = x(legal);
                s.Append("<line class=\"legalspan\" x1=\"").Append(N(cx)).Append("\" y1=\"").Append(y).Append("\" x2=\"").Append(N(lx)).Append("\" y2=\"").Append(y).Append("\"/>");
                s.Append("<path class=\"legal\" d=\"M").Append(N(lx)).Append(' ').Append(y - 6).Append(" l6 6 l-6 6 l-6 -6 z\"/>");
            }
            if (state == "overdue")
                s.Append("<path class=\"mark\" d=\"M").Append(N(cx - 6)).Append(' ').Append(y - 6).Append(" l12 12 m0 -12 l-12 12\"/>");
            else
                s.Append("<circle class=\"mark\" cx=\"").Append(N(cx)).Append("\" cy=\"").Append(y).Append("\" r=\"6\"/>");
        }
        else
        {
            // No fixed instant (undecided, or "without undue delay"): a mark at the right edge, never on a guessed date.
            s.Append("<text class=\"nodate\" x=\"").Append(Width - Right - 4).Append("\" y=\"").Append(y + 4).Append("\">")
                .Append(o.Status == "indeterminate" ? "?" : "asap").Append("</text>");
        }
        s.Append("</g>\n");
    }

    private static string State(ObligationResult o, ClockView? clock) => o.Status switch
    {
        "exempt" => "exempt",
        "indeterminate" => "undecided",
        _ when clock is not null && o.DueAt is { } due && due < clock.AsOf => "overdue",
        _ => "due",
    };

    private static Duration TickStep(Duration total)
    {
        foreach (var h in (int[])[1, 2, 3, 6, 12, 24, 48, 72, 168, 336, 720, 1440, 4320, 8760])
            // Labels with a time of day are twice as wide as dates: half as many fit.
            if (total / Duration.FromHours(h) <= (h >= 24 ? 10 : 5)) return Duration.FromHours(h);
        return Duration.FromDays(3650);
    }

    // ---- tables ---------------------------------------------------------------------------------------------------

    private static void Obligations(StringBuilder s, Decision d, ClockView? clock)
    {
        s.Append("<section aria-labelledby=\"h-obligations\">\n<h2 id=\"h-obligations\">Notifications</h2>\n");
        s.Append("<p>").Append(d.Obligations.Count(o => o.Status == "required")).Append(" required, ")
            .Append(d.Obligations.Count(o => o.Status == "indeterminate")).Append(" undecided, ")
            .Append(d.Obligations.Count(o => o.Status == "exempt")).Append(" exempt.</p>\n");
        if (d.Obligations.Count == 0) { s.Append("</section>\n"); return; }
        s.Append("<table class=\"obligations\">\n<caption>Obligations by deadline</caption>\n<thead><tr><th scope=\"col\">Status</th><th scope=\"col\">Due (UTC)</th>");
        if (clock is not null) s.Append("<th scope=\"col\">Time left</th>");
        s.Append("<th scope=\"col\">Obligation</th><th scope=\"col\">Recipient</th><th scope=\"col\">Citation</th><th scope=\"col\">Draft</th></tr></thead>\n<tbody>\n");
        foreach (var o in d.Obligations)
        {
            var state = State(o, clock);
            s.Append("<tr class=\"").Append(state).Append("\"><td><span class=\"status\">").Append(StatusWord(o, state)).Append("</span>");
            if (o.Exemption is not null) s.Append("<br><small>").Append(E(o.Exemption)).Append("</small>");
            if (o.MissingFacts.Count > 0) s.Append("<br><small>needs ").Append(Codes(o.MissingFacts)).Append("</small>");
            s.Append("</td><td>").Append(o.DueAt is { } due ? "<time datetime=\"" + FactsJson.Format(due) + "\">" + FactsJson.Format(due) + "</time>" : "no fixed instant");
            if (o.LegalDueAt is { } legal) s.Append("<br><small>legal ").Append(FactsJson.Format(legal)).Append("</small>");
            s.Append("<br><small>").Append(E(o.Deadline)).Append("</small></td>");
            if (clock is not null) s.Append("<td>").Append(E(clock.Remaining(o.DueAt))).Append("</td>");
            s.Append("<th scope=\"row\"><code>").Append(E(o.Id)).Append("</code> <small>").Append(E(o.Stage)).Append("</small></th>");
            s.Append("<td>").Append(E(o.Recipient)).Append(" <small>(").Append(E(o.Jurisdiction)).Append(")</small></td>");
            s.Append("<td>").Append(E(o.Citation));
            if (o.Verification is { } v && v != "verified") s.Append("<br><small>verification: ").Append(E(v)).Append("</small>");
            s.Append("</td><td>").Append(o.Status == "exempt" ? "—" : "<a href=\"#" + DraftAnchor(o.Id) + "\">draft</a>").Append("</td></tr>\n");
        }
        s.Append("</tbody>\n</table>\n</section>\n");
    }

    private static string StatusWord(ObligationResult o, string state) => state switch
    {
        "overdue" => "OVERDUE",
        "undecided" => "undecided",
        "exempt" => "exempt",
        _ => "required",
    };

    /// <summary>Missing facts with what each decides and the earliest deadline at stake, soonest first.</summary>
    private static void Questions(StringBuilder s, Decision d)
    {
        if (d.Uncertainty is { Questions.Count: > 0 } u) { RankedQuestions(s, u); return; }
        var byFact = new SortedDictionary<string, (List<string> Items, Instant? Earliest)>(StringComparer.Ordinal);
        void Add(string fact, string item, Instant? due)
        {
            if (!byFact.TryGetValue(fact, out var e)) e = ([], null);
            if (!e.Items.Contains(item)) e.Items.Add(item);
            if (due is { } at && (e.Earliest is null || at < e.Earliest)) e.Earliest = at;
            byFact[fact] = e;
        }
        foreach (var m in d.Severity.MissingFacts) Add(m, "severity", null);
        foreach (var o in d.Obligations)
            foreach (var m in o.MissingFacts) Add(m, o.Id + " (" + o.Stage + ")", o.DueAt);

        s.Append("<section aria-labelledby=\"h-questions\">\n<h2 id=\"h-questions\">What we still need to find out</h2>\n");
        if (byFact.Count == 0) { s.Append("<p>Nothing: every item of this decision is decided.</p>\n</section>\n"); return; }
        s.Append("<ol class=\"questions\">\n");
        foreach (var (fact, (items, earliest)) in byFact
                     .OrderBy(p => p.Value.Earliest ?? Instant.MaxValue).ThenByDescending(p => p.Value.Items.Count).ThenBy(p => p.Key, StringComparer.Ordinal))
        {
            s.Append("<li><code>").Append(E(fact)).Append("</code> decides ").Append(E(string.Join(", ", items)));
            if (earliest is { } at) s.Append("; earliest deadline at stake ").Append(FactsJson.Format(at));
            s.Append("</li>\n");
        }
        s.Append("</ol>\n</section>\n");
    }

    // From the uncertainty analysis: what each fact settles or narrows, the undecided deadlines' range, soonest first.
    private static void RankedQuestions(StringBuilder s, UncertaintyReport u)
    {
        s.Append("<section aria-labelledby=\"h-questions\">\n<h2 id=\"h-questions\">What we still need to find out</h2>\n<ol class=\"questions\">\n");
        foreach (var q in u.Questions)
        {
            s.Append("<li><code>").Append(E(q.Fact)).Append("</code>");
            if (q.Settles.Count > 0) s.Append(" settles ").Append(E(string.Join(", ", q.Settles.Select(UncertaintyText.Name))));
            var open = q.Affects.Except(q.Settles).ToList();
            if (open.Count > 0) s.Append(q.Settles.Count > 0 ? "; narrows " : " narrows ").Append(E(string.Join(", ", open.Select(UncertaintyText.Name))));
            if (q.EarliestDeadline is { } at) s.Append("; earliest deadline at stake ").Append(FactsJson.Format(at));
            s.Append("</li>\n");
        }
        s.Append("</ol>\n");
        var ranges = u.Items.Where(i => i.EarliestDueAt is not null).ToList();
        if (ranges.Count > 0)
        {
            s.Append("<p>Undecided duties, if owed, fall due:</p>\n<ul>\n");
            foreach (var i in ranges)
                s.Append("<li>").Append(E(UncertaintyText.Name(i.Key))).Append(": ").Append(FactsJson.Format(i.EarliestDueAt!.Value))
                    .Append(i.LatestDueAt is { } l && l != i.EarliestDueAt ? " to " + FactsJson.Format(l) : "").Append(" (possible: ").Append(E(string.Join(", ", i.Possible))).Append(")</li>\n");
            s.Append("</ul>\n");
        }
        if (u.Truncated) s.Append("<p>Only the first ").Append(u.Completions).Append(" completions were decided; the provisional plan assumes the worst.</p>\n");
        s.Append("</section>\n");
    }

    private static void Escalation(StringBuilder s, Decision d)
    {
        s.Append("<section aria-labelledby=\"h-escalation\">\n<h2 id=\"h-escalation\">Who is paged</h2>\n");
        if (d.Escalation.Count == 0) { s.Append("<p>No escalation path applies.</p>\n</section>\n"); return; }
        s.Append("<table>\n<caption>Escalation steps in order</caption>\n<thead><tr><th scope=\"col\">Step</th><th scope=\"col\">Role</th><th scope=\"col\">Channel</th><th scope=\"col\">Acknowledge within</th><th scope=\"col\">Ack due (UTC)</th><th scope=\"col\">Then</th><th scope=\"col\">Why</th></tr></thead>\n<tbody>\n");
        foreach (var e in d.Escalation)
            s.Append("<tr><td>").Append(e.Step).Append("</td><th scope=\"row\">").Append(E(e.Role)).Append("</th><td>").Append(E(e.Channel))
                .Append("</td><td>").Append(E(e.AckWithin)).Append("</td><td>").Append(e.DueAt is { } at ? FactsJson.Format(at) : "—")
                .Append("</td><td>").Append(E(e.EscalateTo ?? "—")).Append("</td><td>").Append(E(e.Reason ?? "")).Append("</td></tr>\n");
        s.Append("</tbody>\n</table>\n</section>\n");
    }

    private static void Actions(StringBuilder s, Decision d)
    {
        s.Append("<section aria-labelledby=\"h-actions\">\n<h2 id=\"h-actions\">Containment plan</h2>\n");
        if (d.Actions.Count == 0) { s.Append("<p>No action applies.</p>\n</section>\n"); return; }
        s.Append("<ol class=\"actions\">\n");
        foreach (var a in d.Actions)
        {
            s.Append("<li id=\"action-").Append(E(a.Id)).Append("\"><code>").Append(E(a.Id)).Append("</code>");
            if (a.Title is not null) s.Append(" — ").Append(E(a.Title));
            if (a.Params.Count > 0)
                s.Append(" <small>(").Append(string.Join(", ", a.Params.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => E(p.Key) + ": <code>" + E(p.Value) + "</code>"))).Append(")</small>");
            if (a.After.Count > 0)
                s.Append("<br><small>after ").Append(string.Join(", ", a.After.Select(x => "<a href=\"#action-" + E(x) + "\">" + E(x) + "</a>"))).Append("</small>");
            s.Append("</li>\n");
        }
        s.Append("</ol>\n</section>\n");
    }

    private static void Violations(StringBuilder s, Decision d)
    {
        if (d.PurposeViolations.Count == 0) return;
        s.Append("<section aria-labelledby=\"h-purpose\">\n<h2 id=\"h-purpose\">Purpose violations</h2>\n<table>\n<caption>Accesses outside their declared purpose</caption>\n");
        s.Append("<thead><tr><th scope=\"col\">Actor</th><th scope=\"col\">Purpose</th><th scope=\"col\">Object</th><th scope=\"col\">Fields</th><th scope=\"col\">Rule</th><th scope=\"col\">Reason</th></tr></thead>\n<tbody>\n");
        foreach (var v in d.PurposeViolations)
            s.Append("<tr><th scope=\"row\">").Append(E(v.Actor)).Append("</th><td>").Append(E(v.Purpose)).Append("</td><td>").Append(E(v.Object))
                .Append("</td><td>").Append(E(string.Join(", ", v.Fields))).Append("</td><td>").Append(E(v.Rule)).Append("</td><td>").Append(E(v.Reason)).Append("</td></tr>\n");
        s.Append("</tbody>\n</table>\n</section>\n");
    }

    private static void Drafts(StringBuilder s, Decision d)
    {
        var ids = d.Obligations.Where(o => o.Status != "exempt").Select(o => o.Id).Distinct().ToList();
        if (ids.Count == 0) return;
        s.Append("<section aria-labelledby=\"h-drafts\">\n<h2 id=\"h-drafts\">Notice drafts</h2>\n");
        foreach (var id in ids)
        {
            var stages = d.Obligations.Where(o => o.Id == id).ToList();
            var o = stages[0];
            s.Append("<article class=\"draft\" id=\"").Append(DraftAnchor(id)).Append("\" aria-labelledby=\"").Append(DraftAnchor(id)).Append("-h\">\n<h3 id=\"")
                .Append(DraftAnchor(id)).Append("-h\">Draft: ").Append(E(id)).Append("</h3>\n<dl>\n");
            Meta(s, "To", $"{o.Recipient} ({o.Jurisdiction})");
            Meta(s, "Regime", o.Regime);
            Meta(s, "Legal basis", o.Citation);
            Meta(s, "Status", o.Status + (o.MissingFacts.Count > 0 ? " — needs " + string.Join(", ", o.MissingFacts) : ""));
            foreach (var st in stages)
                Meta(s, st.Stage + " due", (st.DueAt is { } at ? FactsJson.Format(at) : st.Status == "indeterminate" ? "undecided: " + string.Join(", ", st.MissingFacts) : "without undue delay")
                    + (st.LegalDueAt is { } l ? $" (legal {FactsJson.Format(l)})" : "") + " — " + st.Deadline);
            s.Append("</dl>\n<h4>Required content</h4>\n<ul>\n");
            foreach (var c in o.Content)
                s.Append(c.Missing ? "<li class=\"missing\"><strong>" + E(c.Item) + ":</strong> MISSING — fill in before sending</li>\n"
                                   : "<li><strong>" + E(c.Item) + ":</strong> " + E(DecisionMarkdown.Show(c.Value)) + "</li>\n");
            if (o.Content.Count == 0) s.Append("<li>(the policy lists no content items)</li>\n");
            s.Append("</ul>\n<p class=\"muted\">Policy <code>").Append(E(o.Policy)).Append("</code>.</p>\n</article>\n");
        }
        s.Append("</section>\n");
    }

    private static string DraftAnchor(string id) => "draft-" + E(id);

    private static string Codes(IEnumerable<string> items) => string.Join(", ", items.Select(i => "<code>" + E(i) + "</code>"));

    private static string E(string text) => WebUtility.HtmlEncode(text);

    private static string N(double v) => v.ToString("0.#", CultureInfo.InvariantCulture);

    // Colours pass WCAG AA on white; every state also differs in shape or text, never in colour alone.
    private const string Css = """
body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1b1b1b;background:#fff;margin:0 auto;max-width:1040px;padding:16px 24px}
h1{font-size:1.6em;margin:.2em 0}h2{font-size:1.25em;margin:1.6em 0 .5em;border-bottom:1px solid #c8c8c8}h3{font-size:1.05em}
code{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:.92em}.muted,small{color:#4a4a4a}
.severity{font-size:1.15em}.severity strong{padding:1px 8px;border:2px solid #1b1b1b;border-radius:4px}
.sev-critical strong{background:#8b0000;color:#fff}.sev-high strong{background:#b34700;color:#fff}.sev-medium strong{background:#fde68a}.sev-low strong{background:#e5e7eb}
dl.meta{display:grid;grid-template-columns:max-content 1fr;gap:2px 12px}dt{font-weight:600}dd{margin:0;word-break:break-all}
table{border-collapse:collapse;width:100%;margin:.5em 0}caption{text-align:left;font-weight:600;padding:4px 0}
th,td{border:1px solid #c8c8c8;padding:4px 6px;text-align:left;vertical-align:top}thead th{background:#f0f0f0}
tr.overdue .status{font-weight:700;color:#8b0000}tr.undecided .status{font-style:italic;color:#5b3a00}tr.exempt{color:#4a4a4a}
svg.timeline{border:1px solid #c8c8c8;background:#fff}svg text{font:12px system-ui,sans-serif;fill:#1b1b1b}
.axis{stroke:#1b1b1b}.tick{stroke:#e0e0e0}.ticklabel{text-anchor:middle}.lanelabel{text-anchor:end}.laneline{stroke:#d0d0d0}
.event line{stroke:#4a4a4a;stroke-dasharray:4 3}.now line{stroke:#8b0000;stroke-width:2}.now text{fill:#8b0000;font-weight:700}
.ob .mark{fill:#1d4ed8;stroke:#1b1b1b}.ob.overdue .mark{stroke:#8b0000;stroke-width:3;fill:none}.ob.exempt .mark{fill:#fff;stroke:#4a4a4a}
.ob.undecided .mark{fill:#fff;stroke:#5b3a00;stroke-dasharray:2 2}.ob .legal{fill:#fff;stroke:#1d4ed8;stroke-width:2}.legalspan{stroke:#1d4ed8;stroke-dasharray:2 2}
.nodate{text-anchor:end;font-weight:700}.legend{font-size:.9em}.draft{border:1px solid #c8c8c8;padding:4px 12px;margin:12px 0;break-inside:avoid}
li.missing{color:#8b0000}.failures{border:2px solid #8b0000;padding:4px 12px;margin:8px 0}a{color:#1d4ed8}footer{margin-top:2em;font-size:.9em;color:#4a4a4a}
@media print{body{max-width:none;padding:0;font-size:11pt}a{color:inherit;text-decoration:none}section,table,svg{break-inside:avoid}h2{break-after:avoid}}
""";
}
