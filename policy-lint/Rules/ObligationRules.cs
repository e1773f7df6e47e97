using Verdict.Diagnostics;
using Verdict.Model;

namespace Verdict.Lint.Rules;

/// <summary>
/// Notification duties: a citation that is a placeholder (the schema already demands one), exemptions that cite no law,
/// stages whose deadlines do not increase, and clock events no incident can provide (a <c>notice:</c> of an
/// obligation the bundle does not define, a <c>stage:</c> that is not an earlier stage).
/// </summary>
internal sealed class ObligationRules : ILintRule
{
    private static readonly string[] Placeholders = ["todo", "tbd", "tba", "fixme", "xxx", "?", "-", "n/a", "none", "citation"];

    public void Check(LintContext context)
    {
        var docs = context.Source.Documents.OfType<NotificationObligationDocument>().ToList();
        var obligationIds = docs.SelectMany(d => d.Obligations).Select(o => o.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var doc in docs)
            foreach (var o in doc.Obligations)
            {
                Citations(context, o);
                StageOrder(context, o);
                ClockEvents(context, o, obligationIds);
            }
    }

    private static bool IsPlaceholder(string? citation) =>
        citation is null || string.IsNullOrWhiteSpace(citation) || Placeholders.Contains(citation.Trim().Trim('.', '!').ToLowerInvariant());

    private static void Citations(LintContext ctx, ObligationSpec o)
    {
        if (IsPlaceholder(o.Citation))
            ctx.Error(Codes.MissingCitation, $"obligation `{o.Id}` cites `{o.Citation.Trim()}`, not a source of law",
                o.Node.Get("citation")?.Location ?? o.Node.Location,
                "cite the article that creates the duty, e.g. \"Regulation (EU) 2016/679, Art. 33(1)\"");
        foreach (var e in o.Exemptions)
            if (IsPlaceholder(e.Citation))
                ctx.Warning(Codes.MissingCitation,
                    e.Citation is null ? $"exemption `{e.Id}` of `{o.Id}` cites no law" : $"exemption `{e.Id}` of `{o.Id}` cites `{e.Citation.Trim()}`, not a source of law",
                    e.Citation is null ? e.Node.Location : e.Node.Get("citation")!.Location,
                    "add `citation:` naming the provision that allows not notifying; an exemption without one is hard to defend");
    }

    /// <summary>
    /// Stages in the order written must fall due later and later. Two stages are compared only when they count from the
    /// same clock event, so the comparison is exact enough: hours as written, days as 24 hours (plus the rest of the
    /// last day when it ends at midnight), months as 28 to 31 days, business days as at least that many days.
    /// </summary>
    private static void StageOrder(LintContext ctx, ObligationSpec o)
    {
        for (var j = 1; j < o.Stages.Count; j++)
        {
            var later = o.Stages[j];
            if (later.Deadline.Clock is not { Asap: false } b) continue;
            for (var i = 0; i < j; i++)
            {
                var earlier = o.Stages[i];
                if (earlier.Deadline.Clock is not { Asap: false } a || a.From != b.From) continue;
                var (aMin, _) = Hours(a);
                var (_, bMax) = Hours(b);
                if (bMax > aMin) continue;
                ctx.Warning(Codes.StagesNotIncreasing,
                    $"stage `{later.Stage}` of `{o.Id}` is due {Words(b)} after {b.From}, no later than the earlier stage `{earlier.Stage}` ({Words(a)})",
                    b.Node.Get("within")?.Location ?? b.Node.Location,
                    "each stage must fall due after the one before it: check the amounts and units, or the order of the stages");
                break;
            }
        }
    }

    private static (double Min, double Max) Hours(ClockSpec c)
    {
        double n = c.Amount;
        var endOfDay = c.EndOfDay ?? true;
        return c.Unit switch
        {
            "h" => (n, n),
            "d" => (n * 24, n * 24 + (endOfDay ? 24 : 0)),
            "mo" => (n * 28 * 24, n * 31 * 24 + (endOfDay ? 24 : 0)),
            "bd" => (n * 24, double.PositiveInfinity),
            _ => (0, double.PositiveInfinity),
        };
    }

    private static string Words(ClockSpec c) => $"{c.Amount}{c.Unit}";

    private static void ClockEvents(LintContext ctx, ObligationSpec o, HashSet<string> obligationIds)
    {
        var before = new HashSet<string>(StringComparer.Ordinal);
        foreach (var stage in o.Stages)
        {
            var clocks = stage.Deadline.Clock is { } one ? [one] : stage.Deadline.EarliestOf;
            foreach (var c in clocks)
            {
                var at = c.Node.Get("from")?.Location ?? c.Node.Location;
                if (c.From.StartsWith("notice:", StringComparison.Ordinal) && !obligationIds.Contains(c.From[7..]))
                {
                    var id = c.From[7..];
                    ctx.Error(Codes.UnknownClockEvent, $"clock `{c.From}` waits for a notice of `{id}`, which no policy in the bundle defines",
                        at, (Suggest.Nearest(id, obligationIds) is { } near ? $"did you mean `notice:{near}`? " : "") +
                            "facts.notices can only name obligations of this bundle, so this stage would stay indeterminate");
                }
                else if (c.From.StartsWith("stage:", StringComparison.Ordinal) && !before.Contains(c.From[6..]))
                {
                    var s = c.From[6..];
                    ctx.Error(Codes.UnknownClockEvent,
                        s == stage.Stage ? $"stage `{s}` of `{o.Id}` counts from its own deadline" : $"clock `{c.From}` names no earlier stage of `{o.Id}`",
                        at, before.Count == 0 ? "count from a timeline event such as `awareAt`" : $"earlier stages are: {string.Join(", ", before.Order(StringComparer.Ordinal))}");
                }
            }
            before.Add(stage.Stage);
        }
    }
}
