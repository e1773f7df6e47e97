using NodaTime;
using Verdict.Decisions;
using Verdict.Diagnostics;
using Verdict.Expressions;
using Verdict.Facts;
using Verdict.Model;
using Verdict.Time;

namespace Verdict.Compilation;

/// <summary>A notification policy compiled: its applicability test, each duty's trigger, exemptions and deadline rules.</summary>
public sealed class CompiledNotification
{
    public NotificationObligationDocument Document { get; }
    public string Ref => Document.Header.Ref;
    internal readonly Condition Applies;
    internal readonly CompiledDuty[] Duties;

    internal CompiledNotification(NotificationObligationDocument doc, CompileContext ctx)
    {
        Document = doc;
        var errors = new List<Diagnostic>();
        var lang = ctx.Language(doc.Header.Language, doc.Location);
        Applies = BuildApplicability(doc, lang, errors);
        Duties = doc.Obligations.Select(o => CompiledDuty.Try(o, doc, lang, ctx, errors)).Where(d => d is not null).ToArray()!;
        if (errors.Count > 0) throw new VerdictException(errors);
    }

    private static Condition BuildApplicability(NotificationObligationDocument doc, IConditionLanguage lang, List<Diagnostic> errors)
    {
        var parts = new List<string>();
        var j = doc.Jurisdiction;
        switch (doc.Territorial)
        {
            case "subjects": parts.Add($"subjectsIn(\"{j}\") > 0"); break;
            case "establishment": parts.Add($"establishedIn(\"{j}\")"); break;
            case "subjects-or-establishment": parts.Add($"(subjectsIn(\"{j}\") > 0 || establishedIn(\"{j}\"))"); break;
        }
        if (doc.Roles.Count > 0) parts.Add("organization.role in (" + string.Join(", ", doc.Roles.Select(r => $"\"{r}\"")) + ")");
        if (doc.RegulatedAs.Count > 0) parts.Add("(" + string.Join(" || ", doc.RegulatedAs.Select(r => $"organization.regulatedAs.Contains(\"{r}\")")) + ")");
        if (doc.Sectors.Count > 0) parts.Add("organization.sector in (" + string.Join(", ", doc.Sectors.Select(r => $"\"{r}\"")) + ")");
        var text = parts.Count == 0 ? "true" : string.Join(" && ", parts);
        var applies = LambdaLanguage.Instance.CompileCondition(text, doc.Location, 0);
        if (doc.When is not { } when) return applies;
        try
        {
            var extra = lang.CompileCondition(when.Text, when.Location, when.ContentOffset);
            return new AndCondition([applies, extra]) { Location = doc.Location, Text = $"{text} && ({when.Text})" };
        }
        catch (VerdictException e) { errors.AddRange(e.Diagnostics); return applies; }
    }

    /// <summary>Evaluates every duty of this policy for one incident.</summary>
    internal void Evaluate(FactScope scope, IncidentFacts facts, List<ObligationResult> into, List<TraceEntry>? trace)
    {
        var applies = Applies.Evaluate(scope);
        trace?.Add(new TraceEntry("obligations", Ref, Document.Header.Id, CompiledSeverity.Word(applies), Applies.Text));
        if (applies == Tri.False) return;
        foreach (var d in Duties) d.Evaluate(this, applies, scope, facts, into, trace);
    }
}

internal sealed class CompiledDuty
{
    private readonly ObligationSpec _spec;
    private readonly Condition? _when;
    private readonly (ExemptionSpec Spec, Condition When)[] _exemptions;
    private readonly CompiledStage[] _stages;
    private readonly (ContentSpec Spec, ValueExpression? Value)[] _content;

    private CompiledDuty(ObligationSpec spec, Condition? when, (ExemptionSpec, Condition)[] exemptions, CompiledStage[] stages,
        (ContentSpec, ValueExpression?)[] content)
    {
        _spec = spec; _when = when; _exemptions = exemptions; _stages = stages; _content = content;
    }

    public ObligationSpec Spec => _spec;

    internal static CompiledDuty? Try(ObligationSpec o, NotificationObligationDocument doc, IConditionLanguage lang, CompileContext ctx, List<Diagnostic> errors)
    {
        var before = errors.Count;
        Condition? C(Located? l)
        {
            if (l is null) return null;
            try { return lang.CompileCondition(l.Text, l.Location, l.ContentOffset); }
            catch (VerdictException e) { errors.AddRange(e.Diagnostics); return null; }
        }
        ctx.CheckVocabulary("recipient", o.Recipient, o.Node.Get("recipient")!.Location, errors);
        var when = C(o.When);
        var exemptions = o.Exemptions.Select(e => (e, C(e.When)!)).ToArray();
        var stages = new List<CompiledStage>();
        foreach (var s in o.Stages)
        {
            try { stages.Add(CompiledStage.Compile(s, doc, ctx)); }
            catch (VerdictException e) { errors.AddRange(e.Diagnostics); }
        }
        var content = o.Content.Select(c =>
        {
            if (c.Fact is null) return (c, (ValueExpression?)null);
            try { return (c, lang.CompileValue(c.Fact.Text, c.Fact.Location, c.Fact.ContentOffset)); }
            catch (VerdictException e) { errors.AddRange(e.Diagnostics); return (c, null); }
        }).ToArray();
        return errors.Count > before ? null : new CompiledDuty(o, when, exemptions, stages.ToArray(), content);
    }

    internal void Evaluate(CompiledNotification policy, Tri applies, FactScope scope, IncidentFacts facts, List<ObligationResult> into, List<TraceEntry>? trace)
    {
        var missing = new SortedSet<string>(StringComparer.Ordinal);
        var owed = applies;
        if (applies == Tri.Unknown) policy.Applies.CollectMissing(scope, missing);
        if (_when is not null)
        {
            var w = _when.Evaluate(scope);
            trace?.Add(new TraceEntry("obligations", policy.Ref, _spec.Id, CompiledSeverity.Word(w), _when.Text));
            if (w == Tri.False) return;
            if (w == Tri.Unknown)
            {
                if (_spec.SkipWhenUnknown) return;
                _when.CollectMissing(scope, missing);
                owed = Tri.Unknown;
            }
        }

        string? exemption = null;
        // Exemptions are checked even when the trigger is unknown: an exempt duty is not owed either way.
        foreach (var (spec, cond) in _exemptions)
        {
            var e = cond.Evaluate(scope);
            trace?.Add(new TraceEntry("obligations", policy.Ref, $"{_spec.Id}/{spec.Id}", CompiledSeverity.Word(e), cond.Text));
            // An exemption is the obliged party's to establish: one the facts cannot show does not exempt.
            if (e != Tri.True) continue;
            exemption = spec.Citation is null ? spec.Reason : $"{spec.Reason} ({spec.Citation})";
            missing.Clear();
            break;
        }

        var content = BuildContent(scope);
        var dues = new Dictionary<string, Instant?>(StringComparer.Ordinal);
        foreach (var stage in _stages)
        {
            var stageMissing = new SortedSet<string>(missing, StringComparer.Ordinal);
            var (due, legal, words, problem) = stage.Compute(facts, dues);
            dues[stage.Spec.Stage] = due;
            if (problem is not null && exemption is null) stageMissing.Add(problem);
            var status = exemption is not null ? "exempt" : stageMissing.Count > 0 || owed == Tri.Unknown ? "indeterminate" : "required";
            into.Add(new ObligationResult(
                _spec.Id, policy.Document.Regime, policy.Document.Jurisdiction, _spec.Recipient, stage.Spec.Stage,
                due, legal, words, status, exemption, stageMissing.ToList(),
                stage.Spec.Citation ?? _spec.Citation, content, policy.Ref, policy.Document.Header.Verification));
        }
    }

    private IReadOnlyList<ContentItem> BuildContent(FactScope scope)
    {
        if (_content.Length == 0) return [];
        var items = new ContentItem[_content.Length];
        for (var i = 0; i < _content.Length; i++)
        {
            var (spec, value) = _content[i];
            items[i] = value is not null && value.IsKnown(scope)
                ? new ContentItem(spec.Item, value.Read(scope), false)
                : new ContentItem(spec.Item, null, true);
        }
        return items;
    }
}

/// <summary>A stage's deadline compiled to rules, with the clock event each one reads.</summary>
internal sealed class CompiledStage
{
    public required StageSpec Spec { get; init; }
    public required (ClockSpec Clock, DeadlineRule? Rule)[] Clocks { get; init; }

    public static CompiledStage Compile(StageSpec s, NotificationObligationDocument doc, CompileContext ctx)
    {
        var clocks = s.Deadline.Clock is { } one ? [one] : s.Deadline.EarliestOf.ToArray();
        return new CompiledStage { Spec = s, Clocks = clocks.Select(c => (c, c.Asap ? null : ctx.Rule(c))).ToArray() };
    }

    public (Instant? Due, Instant? Legal, string Words, string? Missing) Compute(IncidentFacts facts, IReadOnlyDictionary<string, Instant?> earlier)
    {
        Instant? best = null, bestLegal = null;
        var words = new List<string>();
        string? missing = null;
        foreach (var (clock, rule) in Clocks)
        {
            var fromWords = FromWords(clock.From);
            words.Add(Spec.Describe is { } d && Clocks.Length == 1 ? d : rule?.Describe(fromWords) ?? $"without undue delay after {fromWords} (no fixed ceiling)");
            if (rule is null) continue;
            var start = Start(clock.From, facts, earlier, out var need);
            if (start is null) { missing ??= need; continue; }
            try
            {
                var (due, legal) = rule.Compute(start.Value);
                if (best is null || due < best) { best = due; bestLegal = legal; }
            }
            catch (CalendarRangeException e)
            {
                missing ??= $"calendar {e.Calendar} for {e.Year}";
            }
        }
        var text = string.Join("; or, if earlier, ", words);
        if (missing is not null) return (null, null, text, missing);
        return (best, bestLegal, text, null);
    }

    private static string FromWords(string from) => from switch
    {
        "yearEnd" => "the end of the calendar year of timeline.awareAt",
        _ when from.StartsWith("notice:", StringComparison.Ordinal) => $"submission of {from[7..]}",
        _ when from.StartsWith("stage:", StringComparison.Ordinal) => $"the {from[6..]} stage's deadline",
        _ => "timeline." + from,
    };

    private static Instant? Start(string from, IncidentFacts facts, IReadOnlyDictionary<string, Instant?> earlier, out string? need)
    {
        need = null;
        if (from.StartsWith("notice:", StringComparison.Ordinal))
        {
            var id = from[7..];
            Instant? last = null;
            foreach (var n in facts.Notices)
                if (n.Obligation == id && (last is null || n.SubmittedAt > last)) last = n.SubmittedAt;
            if (last is null) need = $"notices.{id}";
            return last;
        }
        if (from.StartsWith("stage:", StringComparison.Ordinal))
        {
            var s = from[6..];
            var v = earlier.GetValueOrDefault(s);
            if (v is null) need = $"stage {s}";
            return v;
        }
        if (from == "yearEnd")
        {
            var aware = facts.Clock("awareAt");
            if (aware is null) { need = "timeline.awareAt"; return null; }
            // 31 December of the awareness year, counted in UTC dates; day rules then apply in the rule's zone.
            var year = aware.Value.InUtc().Year;
            return new LocalDateTime(year, 12, 31, 12, 0).InUtc().ToInstant();
        }
        var at = facts.Clock(from);
        if (at is null) need = "timeline." + from;
        return at;
    }
}
