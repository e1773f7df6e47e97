using NodaTime;
using Verdict.Decisions;
using Verdict.Diagnostics;
using Verdict.Expressions;
using Verdict.Facts;
using Verdict.Model;
using Verdict.Syntax;

namespace Verdict.Compilation;

/// <summary>
/// An escalation path compiled: each step's selecting condition and due rule. A step is due <c>ackWithin</c> after
/// <c>timeline.awareAt</c> unless it says otherwise; it may count forward from another timeline event or back from the
/// earliest regulator deadline the decision found — the statutory clock no paging tool knows.
/// </summary>
public sealed class CompiledEscalation
{
    private readonly (EscalationStepSpec Spec, Condition? When)[] _steps;

    /// <summary>The source document.</summary>
    public EscalationPathDocument Document { get; }

    /// <summary><c>id@version</c>.</summary>
    public string Ref => Document.Header.Ref;

    /// <summary>
    /// Recipients that are not regulators: notices to them do not anchor <c>before: earliestDue</c>. Every other
    /// recipient (supervisory-authority, competent-authority, csirt, sec, …, and any a bundle declares) is a regulator.
    /// </summary>
    public static readonly IReadOnlySet<string> NonRegulators =
        new HashSet<string>(StringComparer.Ordinal) { "data-subjects", "controller", "provider", "media", "consumer-reporting-agencies" };

    internal CompiledEscalation(EscalationPathDocument doc, CompileContext ctx)
    {
        Document = doc;
        var lang = ctx.Language(doc.Header.Language, doc.Location);
        var errors = new List<Diagnostic>();
        _steps = doc.Steps.Select(s =>
        {
            Condition? when = null;
            if (s.When is { } w)
            {
                try { when = lang.CompileCondition(w.Text, w.Location, w.ContentOffset); }
                catch (VerdictException e) { errors.AddRange(e.Diagnostics); }
            }
            return (s, when);
        }).ToArray();
        if (errors.Count > 0) throw new VerdictException(errors);
    }

    /// <summary>Compiles every escalation path, version by version.</summary>
    internal static Versioned<CompiledEscalation>[] Compile(IEnumerable<EscalationPathDocument> docs, CompileContext ctx, List<Diagnostic> diagnostics)
    {
        var result = new List<Versioned<CompiledEscalation>>();
        foreach (var group in docs.GroupBy(d => d.Header.Id).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var compiled = new List<CompiledEscalation>();
            foreach (var d in group.OrderBy(d => d.Header.From))
            {
                try { compiled.Add(new CompiledEscalation(d, ctx)); }
                catch (VerdictException e) { diagnostics.AddRange(e.Diagnostics); }
            }
            if (compiled.Count > 0) result.Add(new Versioned<CompiledEscalation>(compiled, c => c.Document.Header));
        }
        return result.ToArray();
    }

    /// <summary>
    /// The escalation for one incident: the selected steps of every path in force, in policy-id then written order,
    /// numbered from 1. Runs after obligations, so steps may read <c>owes(..)</c> and anchor on regulator deadlines.
    /// </summary>
    internal static IReadOnlyList<EscalationStep> Plan(IReadOnlyList<Versioned<CompiledEscalation>> paths, FactScope scope, IncidentFacts facts,
        IReadOnlyList<ObligationResult> obligations, Instant aware, List<TraceEntry>? trace, Pipeline.DecisionContext? ctx = null)
    {
        if (paths.Count == 0) return [];
        ObligationResult? earliest = null;
        foreach (var o in obligations)
            if (o.Status == Outcome.Required && o.DueAt is { } due && !NonRegulators.Contains(o.Recipient) && (earliest is null || due < earliest.DueAt))
                earliest = o;
        var steps = new List<EscalationStep>();
        foreach (var path in paths)
        {
            if (path.At(aware) is not { } p) continue;
            var before = steps.Count;
            // A path that fails (a script error or limit) pages nobody from it; the other paths still page.
            try { p.Select(scope, facts, earliest, steps, trace); }
            catch (VerdictException e) when (ctx is not null)
            {
                steps.RemoveRange(before, steps.Count - before);
                ctx.Fail("escalation", p.Ref, null, e);
            }
        }
        return steps;
    }

    private void Select(FactScope scope, IncidentFacts facts, ObligationResult? earliest, List<EscalationStep> into, List<TraceEntry>? trace)
    {
        foreach (var (spec, when) in _steps)
        {
            var notes = new List<string>();
            if (spec.Reason is { } r) notes.Add(r);
            if (when is not null)
            {
                var t = when.Evaluate(scope);
                trace?.Add(new TraceEntry("escalation", Ref, spec.Id, CompiledSeverity.Word(t), when.Text));
                if (t == Tri.False || (t == Tri.Unknown && !spec.IncludeWhenUnknown)) continue;
                if (t == Tri.Unknown)
                {
                    var missing = new SortedSet<string>(StringComparer.Ordinal);
                    when.CollectMissing(scope, missing);
                    notes.Add($"paged because the condition is unknown without {string.Join(", ", missing)}");
                }
            }
            else trace?.Add(new TraceEntry("escalation", Ref, spec.Id, "matched", "always"));
            var due = Due(spec, facts, earliest, notes);
            if (spec.Citation is { } c) notes.Add(c);
            into.Add(new EscalationStep(into.Count + 1, spec.Role, spec.Channel, EscalationReader.FormatDuration(spec.AckWithin), due,
                spec.EscalateTo, notes.Count == 0 ? null : string.Join("; ", notes), Ref));
        }
    }

    private static Instant? Due(EscalationStepSpec spec, IncidentFacts facts, ObligationResult? earliest, List<string> notes)
    {
        // Paging starts when the controller becomes aware; nothing can be due before that.
        var aware = facts.Timeline.AwareAt;
        if (spec.Due is not { } d) return aware + spec.AckWithin;
        var offset = EscalationReader.FormatDuration(d.Offset);
        if (d.After is { } after)
        {
            if (facts.Clock(after) is not { } start)
            {
                notes.Add($"no due instant: needs timeline.{after}");
                return null;
            }
            return start + d.Offset;
        }
        if (earliest?.DueAt is not { } deadline)
        {
            notes.Add("no due instant: no regulator notification with a deadline is required");
            return null;
        }
        var at = deadline - d.Offset;
        if (at < aware)
        {
            notes.Add($"due at once: {offset} before {earliest.Id} ({InstantText.Format(deadline)}) is already past when the controller became aware");
            return aware;
        }
        notes.Add($"due {offset} before {earliest.Id} ({InstantText.Format(deadline)})");
        return at;
    }
}
