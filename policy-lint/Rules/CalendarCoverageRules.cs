using NodaTime;
using Verdict.Diagnostics;
using Verdict.Model;

namespace Verdict.Lint.Rules;

/// <summary>
/// Deadlines that count on a calendar (business days, or a roll-forward past holidays) need the calendar to cover every
/// year an incident judged by the policy can fall in; outside it the engine refuses to guess and the obligation is
/// indeterminate. The years checked are the policy's effective range, closed at <c>until</c> or, for a policy still
/// in force, two years after the newest <c>effective.from</c> in the bundle. That horizon is read from the bundle, not
/// the clock, so the same bundle lints the same way on any day; two years is about how far ahead governments publish
/// holidays, and leaves time to extend a calendar before incidents reach its end.
/// </summary>
internal sealed class CalendarCoverageRules : ILintRule
{
    /// <summary>How many years past the bundle's newest effective date an open-ended policy must be computable.</summary>
    internal const int HorizonYears = 2;

    public void Check(LintContext context)
    {
        var docs = context.Source.Documents;
        if (docs.Count == 0) return;
        var calendars = docs.OfType<CalendarDocument>().GroupBy(c => c.Header.Id)
            .ToDictionary(g => g.Key, g => (First: g.Min(c => c.FirstYear), Last: g.Max(c => c.LastYear)), StringComparer.Ordinal);
        var newest = docs.Max(d => d.Header.From);
        foreach (var doc in docs.OfType<NotificationObligationDocument>())
        {
            var h = doc.Header;
            var firstYear = h.From.Year;
            var lastYear = h.Until is { } until ? until.PlusDays(-1).Year : newest.Year + HorizonYears;
            foreach (var o in doc.Obligations)
                foreach (var stage in o.Stages)
                    foreach (var c in stage.Deadline.Clock is { } one ? [one] : stage.Deadline.EarliestOf)
                    {
                        if (c.Calendar is not { } id || !calendars.TryGetValue(id, out var years)) continue;
                        if (c.Unit != "bd" && c.Legal == "none") continue;
                        // Business days need the calendar for the deadline itself; other units only for the legal roll-forward.
                        var how = c.Unit == "bd" ? "business-day deadline" : $"legal roll-forward ({c.Legal})";
                        var lost = c.Unit == "bd" ? "cannot be computed" : "get no legalDueAt";
                        var at = c.Node.Get("calendar")!.Location;
                        var horizon = h.Until is null ? $"it is in force with no end, checked to {lastYear}" : $"it is in force until {h.Until:uuuu-MM-dd}";
                        if (years.Last < lastYear)
                            context.Warning(Codes.CalendarTooShort,
                                $"{how} of `{o.Id}` ({stage.Stage}) counts on `{id}`, which ends in {years.Last}: incidents from {years.Last + 1} (and deadlines running into it) {lost}; {horizon}",
                                at, $"extend `{id}` with the holidays of {(years.Last + 1 == lastYear ? $"{lastYear}" : $"{years.Last + 1}–{lastYear}")} (`years.to: {lastYear}`)");
                        if (years.First > firstYear)
                            context.Warning(Codes.CalendarTooShort,
                                $"{how} of `{o.Id}` ({stage.Stage}) counts on `{id}`, which starts in {years.First}: incidents from {h.From:uuuu-MM-dd} to {years.First - 1}-12-31 {lost}",
                                at, $"extend `{id}` back to {firstYear} (`years.from: {firstYear}`), or start a new version of this policy in {years.First}");
                    }
        }
    }
}
