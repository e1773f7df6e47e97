using System.Collections.Concurrent;
using System.Collections.Frozen;
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
    /// <summary><c>id@version</c>, built once (every obligation carries it).</summary>
    public string Ref { get; }
    internal readonly Condition Applies;
    internal readonly CompiledDuty[] Duties;

    internal CompiledNotification(NotificationObligationDocument doc, CompileContext ctx)
    {
        Document = doc;
        Ref = doc.Header.Ref;
        var errors = new List<Diagnostic>();
        var lang = ctx.Language(doc.Header.Language, doc.Location);
        Applies = BuildApplicability(doc, lang, ctx.Language("lambda", doc.Location), errors);
        Duties = doc.Obligations.Select(o => CompiledDuty.Try(o, doc, lang, ctx, errors)).Where(d => d is not null).ToArray()!;
        if (errors.Count > 0) throw new VerdictException(errors);
    }

    private static Condition BuildApplicability(NotificationObligationDocument doc, IConditionLanguage lang, IConditionLanguage lambda, List<Diagnostic> errors)
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
        // the generated text names the policy's own jurisdiction, which is checked (and reported) where it is written
        Condition applies;
        try { applies = lambda.CompileCondition(text, doc.Location, 0); }
        catch (VerdictException e) when (e.Diagnostics is [{ Code: Codes.UnknownJurisdiction }])
        {
            return Condition.Always(doc.Location);
        }
        if (doc.When is not { } when) return applies;
        try
        {
            var extra = lang.CompileCondition(when.Text, when.Location, when.ContentOffset);
            return new AndCondition([applies, extra]) { Location = doc.Location, Text = $"{text} && ({when.Text})" };
        }
        catch (VerdictException e) { errors.AddRange(e.Diagnostics); return applies; }
    }

    /// <summary>
    /// Evaluates every duty of this policy for one incident. A duty whose evaluation fails (a script error or limit)
    /// gives <c>failed</c> stages and a failure in <paramref name="ctx"/>; the other duties are still decided.
    /// </summary>
    internal void Evaluate(FactScope scope, IncidentFacts facts, List<ObligationResult> into, List<TraceEntry>? trace, Pipeline.DecisionContext? ctx = null)
    {
        Tri applies;
        try { applies = Applies.Evaluate(scope); }
        catch (VerdictException e) when (ctx is not null)
        {
            ctx.Fail("obligations", Ref, null, e);
            foreach (var d in Duties) d.Failed(into);
            return;
        }
        trace?.Add(new TraceEntry("obligations", Ref, Document.Header.Id, CompiledSeverity.Word(applies), Applies.Text));
        if (applies == Tri.False) return;
        foreach (var d in Duties)
        {
            var before = into.Count;
            try { d.Evaluate(this, applies, scope, facts, into, trace); }
            catch (VerdictException e) when (ctx is not null)
            {
                into.RemoveRange(before, into.Count - before);
                ctx.Fail("obligations", Ref, d.Spec.Id, e);
                d.Failed(into);
            }
        }
    }
}

internal sealed class CompiledDuty
{
    private readonly ObligationSpec _spec;
    private readonly Condition? _when;
    private readonly (ExemptionSpec Spec, Condition When)[] _exemptions;
    private readonly CompiledStage[] _stages;
    private readonly (ContentSpec Spec, ValueExpression? Value)[] _content;
    // What every obligation of a stage shares, one per stage: a decision then allocates only its own fields.
    private readonly ObligationStage[] _results;
    private readonly string[] _exemptionTexts;
    private readonly bool _chained;

    private CompiledDuty(ObligationSpec spec, Condition? when, (ExemptionSpec, Condition)[] exemptions, CompiledStage[] stages,
        (ContentSpec, ValueExpression?)[] content, NotificationObligationDocument doc)
    {
        _spec = spec; _when = when; _exemptions = exemptions; _stages = stages; _content = content;
        _results = stages.Select(st => new ObligationStage(spec.Id, doc.Regime, doc.Jurisdiction, spec.Recipient, st.Spec.Stage,
            st.Words, st.Spec.Citation ?? spec.Citation, doc.Header.Ref, doc.Header.Verification, spec.Authority)).ToArray();
        _exemptionTexts = exemptions.Select(e => e.Item1.Citation is null ? e.Item1.Reason : $"{e.Item1.Reason} ({e.Item1.Citation})").ToArray();
        _chained = stages.Any(st => st.Chained);
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
        return errors.Count > before ? null : new CompiledDuty(o, when, exemptions, stages.ToArray(), content, doc);
    }

    internal void Evaluate(CompiledNotification policy, Tri applies, FactScope scope, IncidentFacts facts, List<ObligationResult> into, List<TraceEntry>? trace)
    {
        // The missing-fact set and the stage map are only built when something needs them (the common case has none).
        SortedSet<string>? missing = null;
        var owed = applies;
        if (applies == Tri.Unknown) policy.Applies.CollectMissing(scope, missing = NewSet());
        if (_when is not null)
        {
            var w = _when.Evaluate(scope);
            trace?.Add(new TraceEntry("obligations", policy.Ref, _spec.Id, CompiledSeverity.Word(w), _when.Text));
            if (w == Tri.False) return;
            if (w == Tri.Unknown)
            {
                if (_spec.SkipWhenUnknown) return;
                _when.CollectMissing(scope, missing ??= NewSet());
                owed = Tri.Unknown;
            }
        }

        string? exemption = null;
        // Exemptions are checked even when the trigger is unknown: an exempt duty is not owed either way.
        for (var i = 0; i < _exemptions.Length; i++)
        {
            var (spec, cond) = _exemptions[i];
            var e = cond.Evaluate(scope);
            trace?.Add(new TraceEntry("obligations", policy.Ref, $"{_spec.Id}/{spec.Id}", CompiledSeverity.Word(e), cond.Text));
            // An exemption is the obliged party's to establish: one the facts cannot show does not exempt.
            if (e != Tri.True) continue;
            exemption = _exemptionTexts[i];
            missing?.Clear();
            break;
        }

        var content = BuildContent(scope);
        var dues = _chained ? new Dictionary<string, Instant?>(StringComparer.Ordinal) : null;
        for (var i = 0; i < _stages.Length; i++)
        {
            var stage = _stages[i];
            var (due, legal, problem) = stage.Compute(facts, dues);
            if (dues is not null) dues[stage.Spec.Stage] = due;
            IReadOnlyList<string> stageMissing;
            if (problem is not null && exemption is null)
            {
                var set = missing is null ? NewSet() : new SortedSet<string>(missing, StringComparer.Ordinal);
                set.Add(problem);
                stageMissing = set.ToList();
            }
            else stageMissing = missing is { Count: > 0 } ? missing.ToList() : Array.Empty<string>();
            var status = exemption is not null ? "exempt" : stageMissing.Count > 0 || owed == Tri.Unknown ? "indeterminate" : "required";
            into.Add(new ObligationResult(_results[i], due, legal, status, exemption, stageMissing, content));
        }
    }

    private static SortedSet<string> NewSet() => new(StringComparer.Ordinal);

    /// <summary>Adds every stage of this duty as <c>failed</c>: no deadline, nothing missing, no content.</summary>
    internal void Failed(List<ObligationResult> into)
    {
        foreach (var stage in _results)
            into.Add(new ObligationResult(stage, null, null, Outcome.Failed, null, [], []));
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

    /// <summary>The deadline in words; it depends on the policy only, so it is built once.</summary>
    public required string Words { get; init; }

    private ClockSource[] _sources = [];

    public static CompiledStage Compile(StageSpec s, NotificationObligationDocument doc, CompileContext ctx)
    {
        var clocks = s.Deadline.Clock is { } one ? [one] : s.Deadline.EarliestOf.ToArray();
        var compiled = clocks.Select(c => (c, c.Asap ? null : ctx.Rule(c))).ToArray();
        var words = compiled.Select(x =>
        {
            var fromWords = FromWords(x.c.From);
            return s.Describe is { } d && compiled.Length == 1 ? d : x.Item2?.Describe(fromWords) ?? $"without undue delay after {fromWords} (no fixed ceiling)";
        });
        return new CompiledStage
        {
            Spec = s, Clocks = compiled, Words = string.Join("; or, if earlier, ", words),
            _sources = compiled.Select(x => ClockSource.Of(x.c.From, x.Item2?.Zone ?? DateTimeZone.Utc)).ToArray(),
        };
    }

    /// <summary>True when a clock starts from an earlier stage's deadline.</summary>
    public bool Chained => _sources.Any(x => x.Kind == ClockKind.Stage);

    public (Instant? Due, Instant? Legal, string? Missing) Compute(IncidentFacts facts, IReadOnlyDictionary<string, Instant?>? earlier)
    {
        Instant? best = null, bestLegal = null, fallback = null, fallbackLegal = null;
        Instant latestStart = Instant.MinValue;
        string? missing = null;
        for (var i = 0; i < Clocks.Length; i++)
        {
            // Even a duty without a ceiling runs from an event: a chained notice not yet submitted is not yet owed.
            var start = _sources[i].Start(facts, earlier, out var need);
            if (start is null) { missing ??= need; continue; }
            if (start.Value > latestStart) latestStart = start.Value;
        }
        if (missing is not null) return (null, null, missing);
        for (var i = 0; i < Clocks.Length; i++)
        {
            var rule = Clocks[i].Rule;
            if (rule is null) continue;
            var start = _sources[i].Start(facts, earlier, out _)!.Value;
            try
            {
                var (due, legal) = rule.Compute(start);
                // A deadline never falls before an event it counts from (DORA: classified as major more than 24 hours
                // after awareness, the initial notification is due 4 hours after classification, RTS 2025/301 Art. 5(2)).
                if (due < latestStart)
                {
                    if (fallback is null || due > fallback) { fallback = due; fallbackLegal = legal; }
                    continue;
                }
                if (best is null || due < best) { best = due; bestLegal = legal; }
            }
            catch (CalendarRangeException e)
            {
                return (null, null, $"calendar {e.Calendar} for {e.Year}");
            }
        }
        return best is null ? (fallback, fallbackLegal, null) : (best, bestLegal, null);
    }

    private static string FromWords(string from) => from switch
    {
        "yearEnd" => "the end of the calendar year of timeline.awareAt",
        _ when from.StartsWith("yearEnd:", StringComparison.Ordinal) => $"the end of the calendar year of timeline.{from[8..]}",
        _ when from.StartsWith("notice:", StringComparison.Ordinal) => $"submission of {from[7..]}",
        _ when from.StartsWith("stage:", StringComparison.Ordinal) => $"the {from[6..]} stage's deadline",
        _ => "timeline." + from,
    };

    private enum ClockKind { Timeline, Notice, Stage, YearEnd }

    /// <summary>Where a clock's start instant comes from, resolved once at compile time (no string work per decision).</summary>
    private sealed class ClockSource
    {
        private ClockKind _kind;
        private string _name = "";
        private string _need = "";
        private UInt128 _mask;
        private Func<TimelineFacts, Instant> _read = _ => default;

        public ClockKind Kind => _kind;

        private DateTimeZone _zone = DateTimeZone.Utc;

        public static ClockSource Of(string from, DateTimeZone zone)
        {
            if (from.StartsWith("notice:", StringComparison.Ordinal))
                return new ClockSource { _kind = ClockKind.Notice, _name = from[7..], _need = $"notices.{from[7..]}" };
            if (from.StartsWith("stage:", StringComparison.Ordinal))
                return new ClockSource { _kind = ClockKind.Stage, _name = from[6..], _need = $"stage {from[6..]}" };
            if (from == "yearEnd" || from.StartsWith("yearEnd:", StringComparison.Ordinal))
            {
                var field = from == "yearEnd" ? "awareAt" : from[8..];
                return new ClockSource
                {
                    _kind = ClockKind.YearEnd, _mask = FactPaths.Bit("timeline." + field), _need = "timeline." + field,
                    _read = Reader(field), _zone = zone,
                };
            }
            return new ClockSource { _kind = ClockKind.Timeline, _mask = FactPaths.Bit("timeline." + from), _need = "timeline." + from, _read = Reader(from) };
        }

        private static Func<TimelineFacts, Instant> Reader(string field) => field switch
        {
            "occurredAt" => t => t.OccurredAt,
            "detectedAt" => t => t.DetectedAt,
            "awareAt" => t => t.AwareAt,
            "assessedAt" => t => t.AssessedAt,
            "classifiedMajorAt" => t => t.ClassifiedMajorAt,
            "materialityDeterminedAt" => t => t.MaterialityDeterminedAt,
            "containedAt" => t => t.ContainedAt,
            _ => throw new ArgumentOutOfRangeException(nameof(field), field, "unknown timeline field"),
        };

        public Instant? Start(IncidentFacts facts, IReadOnlyDictionary<string, Instant?>? earlier, out string? need)
        {
            need = null;
            switch (_kind)
            {
                case ClockKind.Timeline:
                    if ((facts.Presence & _mask) != UInt128.Zero) return _read(facts.Timeline);
                    need = _need;
                    return null;
                case ClockKind.Notice:
                {
                    Instant? last = null;
                    foreach (var n in facts.Notices)
                        if (n.Obligation == _name && (last is null || n.SubmittedAt > last)) last = n.SubmittedAt;
                    if (last is null) need = _need;
                    return last;
                }
                case ClockKind.Stage:
                {
                    var v = earlier?.GetValueOrDefault(_name);
                    if (v is null) need = _need;
                    return v;
                }
                default:
                {
                    if ((facts.Presence & _mask) == UInt128.Zero) { need = _need; return null; }
                    // Noon of 31 December of the event's year, both read in the rule's zone; day rules count from there.
                    var year = _read(facts.Timeline).InZone(_zone).Year;
                    return new LocalDateTime(year, 12, 31, 12, 0).InZoneLeniently(_zone).ToInstant();
                }
            }
        }
    }
}

/// <summary>
/// The notification policies indexed by the places that bring them into play, so that a decision evaluates only
/// the policies of jurisdictions its facts name. A policy bound to affected people (or establishments) in a
/// jurisdiction is not applicable when the facts give the people (establishments) and none is covered by it: its
/// applicability is a conjunction whose territorial part is then false, so skipping it changes nothing. Policies
/// bound otherwise (<c>territorial: always</c>), and all policies when the places are not given, are always evaluated.
/// Candidates are bit sets over the policy groups; the version in force is found by the awareness instant.
/// </summary>
internal sealed class NotificationIndex
{
    private readonly Versioned<CompiledNotification>[] _groups;
    private readonly Jurisdictions _places;
    private readonly ulong[] _always;
    private readonly ulong[] _subjectBound;
    private readonly ulong[] _establishmentBound;
    private readonly (string Jurisdiction, int Group)[] _bySubjects;
    private readonly (string Jurisdiction, int Group)[] _byEstablishment;
    private readonly Obliged?[] _obliged;
    // Which groups each facts code (DE, US-CA) brings into play; codes are few, so the cache stays small.
    private readonly ConcurrentDictionary<string, ulong[]> _subjectCodes = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ulong[]> _establishmentCodes = new(StringComparer.Ordinal);
    private const int MaxCachedCodes = 4096;

    private static readonly UInt128 SubjectsMask = FactPaths.Bit("data.subjects");
    private static readonly UInt128 EstablishmentsMask = FactPaths.Bit("organization.establishments");

    public NotificationIndex(Versioned<CompiledNotification>[] groups, Jurisdictions places)
    {
        _groups = groups;
        _places = places;
        var words = (groups.Length + 63) / 64;
        _always = new ulong[words];
        _subjectBound = new ulong[words];
        _establishmentBound = new ulong[words];
        var bySubjects = new List<(string, int)>();
        var byEstablishment = new List<(string, int)>();
        _obliged = new Obliged?[groups.Length];
        for (var g = 0; g < groups.Length; g++)
        {
            var versions = groups[g].All;
            _obliged[g] = Obliged.Of(versions);
            // Every version of the policy must be bound to places for the group to be skipped by place.
            var kinds = versions.Select(v => v.Document.Territorial).Distinct().ToList();
            if (versions.Count == 0 || kinds.Count != 1 || kinds[0] is not ("subjects" or "establishment" or "subjects-or-establishment"))
            {
                Set(_always, g);
                continue;
            }
            var kind = kinds[0];
            var subjects = kind is "subjects" or "subjects-or-establishment";
            var establishment = kind is "establishment" or "subjects-or-establishment";
            foreach (var v in versions)
            {
                if (subjects) bySubjects.Add((v.Document.Jurisdiction, g));
                if (establishment) byEstablishment.Add((v.Document.Jurisdiction, g));
            }
            if (subjects) Set(_subjectBound, g);
            if (establishment) Set(_establishmentBound, g);
        }
        _bySubjects = bySubjects.ToArray();
        _byEstablishment = byEstablishment.ToArray();
    }

    private static void Set(ulong[] bits, int g) => bits[g >> 6] |= 1UL << (g & 63);

    /// <summary>Evaluates the policies that can apply, in bundle order, adding their obligations to <paramref name="into"/>.</summary>
    public void Evaluate(FactScope scope, IncidentFacts facts, Instant aware, List<ObligationResult> into, List<TraceEntry>? trace, Pipeline.DecisionContext? ctx = null)
    {
        // With --explain every policy is evaluated, so that the trace shows each one and why it did not apply.
        if (trace is not null)
        {
            foreach (var n in _groups) n.At(aware)?.Evaluate(scope, facts, into, trace, ctx);
            return;
        }
        Span<ulong> pick = _always.Length <= 16 ? stackalloc ulong[_always.Length] : new ulong[_always.Length];
        _always.CopyTo(pick);
        // Places not given: the territorial test is unknown, not false, so those policies must be evaluated.
        if ((facts.Presence & SubjectsMask) == UInt128.Zero) Or(pick, _subjectBound);
        else
            foreach (var (code, _) in facts.Data.SubjectArray) Or(pick, For(code, _subjectCodes, _bySubjects));
        if ((facts.Presence & EstablishmentsMask) == UInt128.Zero) Or(pick, _establishmentBound);
        else
            foreach (var code in facts.Organization.Establishments) Or(pick, For(code, _establishmentCodes, _byEstablishment));

        for (var w = 0; w < pick.Length; w++)
            for (var bits = pick[w]; bits != 0; bits &= bits - 1)
            {
                var g = (w << 6) + System.Numerics.BitOperations.TrailingZeroCount(bits);
                if (_obliged[g] is { } obliged && obliged.Excludes(facts)) continue;
                _groups[g].At(aware)?.Evaluate(scope, facts, into, trace, ctx);
            }
    }

    /// <summary>
    /// Who a policy obliges (<c>obliged:</c> roles, regulations, sectors): each list is a conjunct of its applicability,
    /// so when the facts give the organization's role, regulations or sector and it is none of those listed (in any
    /// version of the policy), the policy cannot apply.
    /// </summary>
    private sealed class Obliged
    {
        // Short lists (a few names each): a scan beats a hashed set.
        private string[]? _roles, _regulatedAs, _sectors;
        private static readonly UInt128 RoleMask = FactPaths.Bit("organization.role");
        private static readonly UInt128 RegulatedAsMask = FactPaths.Bit("organization.regulatedAs");
        private static readonly UInt128 SectorMask = FactPaths.Bit("organization.sector");

        public static Obliged? Of(IReadOnlyList<CompiledNotification> versions)
        {
            // A list that some version leaves empty obliges everyone in that version: no filter from it.
            static string[]? Union(IReadOnlyList<CompiledNotification> vs, Func<NotificationObligationDocument, IReadOnlyList<string>> list) =>
                vs.Count > 0 && vs.All(v => list(v.Document).Count > 0) ? vs.SelectMany(v => list(v.Document)).Distinct(StringComparer.Ordinal).ToArray() : null;
            var o = new Obliged
            {
                _roles = Union(versions, d => d.Roles),
                _regulatedAs = Union(versions, d => d.RegulatedAs),
                _sectors = Union(versions, d => d.Sectors),
            };
            return o._roles is null && o._regulatedAs is null && o._sectors is null ? null : o;
        }

        public bool Excludes(IncidentFacts facts)
        {
            var given = facts.Presence;
            var org = facts.Organization;
            if (_sectors is not null && (given & SectorMask) != UInt128.Zero && !Has(_sectors, org.Sector)) return true;
            if (_roles is not null && (given & RoleMask) != UInt128.Zero && !Has(_roles, org.Role)) return true;
            if (_regulatedAs is not null && (given & RegulatedAsMask) != UInt128.Zero)
            {
                var list = org.RegulatedAs;
                for (var i = 0; i < list.Count; i++)
                    if (Has(_regulatedAs, list[i])) return false;
                return true;
            }
            return false;
        }

        private static bool Has(string[] names, string value)
        {
            foreach (var n in names)
                if (string.Equals(n, value, StringComparison.Ordinal)) return true;
            return false;
        }
    }

    private static void Or(Span<ulong> into, ulong[] bits)
    {
        for (var i = 0; i < into.Length; i++) into[i] |= bits[i];
    }

    private ulong[] For(string code, ConcurrentDictionary<string, ulong[]> cache, (string Jurisdiction, int Group)[] bound)
    {
        if (cache.TryGetValue(code, out var bits)) return bits;
        bits = new ulong[_always.Length];
        foreach (var (jurisdiction, g) in bound)
            if (_places.Covers(jurisdiction, code)) Set(bits, g);
        if (cache.Count < MaxCachedCodes) cache.TryAdd(code, bits);
        return bits;
    }
}
