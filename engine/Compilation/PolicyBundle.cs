using NodaTime;
using Verdict.Decisions;
using Verdict.Diagnostics;
using Verdict.Expressions;
using Verdict.Facts;
using Verdict.Model;
using Verdict.Pipeline;
using Verdict.Syntax;
using Verdict.Time;

namespace Verdict.Compilation;

/// <summary>
/// A validated, compiled, immutable policy bundle. Load and compile once; <see cref="Decide"/> is then a walk over
/// compiled delegates and is safe to call from many threads.
/// </summary>
public sealed class PolicyBundle
{
    private readonly Versioned<CompiledSeverity>? _severity;
    private readonly Versioned<CompiledNotification>[] _notifications;
    private readonly BundleInfo _info;
    private readonly NotificationIndex _notificationIndex;
    private CompiledPurposes PurposeIndex { get; init; } = CompiledPurposes.Empty;
    private Versioned<CompiledEscalation>[] EscalationIndex { get; init; } = [];
    private CompiledActions ActionIndex { get; init; } = CompiledActions.Empty;
    private Versioned<CompiledRiskAssessment>? RiskIndex { get; init; }
    private readonly Lazy<Uncertainty.FactDomains> _domains;

    /// <summary>The bundle's name from its manifest.</summary>
    public string Name { get; }
    /// <summary>The bundle's version from its manifest.</summary>
    public string Version { get; }
    /// <summary>Digest over the canonical content of every policy and the manifest.</summary>
    public string Digest { get; }
    /// <summary>The source documents.</summary>
    public BundleSource Source { get; }
    /// <summary>Jurisdiction groups, built-in and declared.</summary>
    public Jurisdictions Places { get; }
    /// <summary>Compiled calendars by id.</summary>
    public IReadOnlyDictionary<string, BusinessCalendar> Calendars { get; }
    /// <summary>Every severity matrix version.</summary>
    public IReadOnlyList<CompiledSeverity> SeverityMatrices => _severity?.All ?? [];
    /// <summary>Every notification policy version.</summary>
    public IEnumerable<CompiledNotification> Notifications => _notifications.SelectMany(n => n.All);
    /// <summary>Every purpose binding version.</summary>
    public IEnumerable<CompiledPurpose> PurposeBindings => PurposeIndex.All;
    /// <summary>Every escalation path version.</summary>
    public IEnumerable<CompiledEscalation> EscalationPaths => EscalationIndex.SelectMany(e => e.All);
    /// <summary>Every risk assessment version.</summary>
    public IReadOnlyList<CompiledRiskAssessment> RiskAssessments => RiskIndex?.All ?? [];
    /// <summary>Every action plan version.</summary>
    public IEnumerable<CompiledPlan> ActionPlans => ActionIndex.All;

    private PolicyBundle(BundleSource source, CompileContext ctx, Versioned<CompiledSeverity>? severity, Versioned<CompiledNotification>[] notifications)
    {
        Source = source;
        Name = source.Manifest.Name;
        Version = source.Manifest.Version;
        Digest = source.Digest;
        Places = new Jurisdictions(source.Manifest.JurisdictionGroups);
        Calendars = ctx.Calendars;
        _severity = severity;
        _notifications = notifications;
        _info = new BundleInfo(Name, Version, Digest);
        _notificationIndex = new NotificationIndex(notifications, Places);
        _domains = new Lazy<Uncertainty.FactDomains>(() => new Uncertainty.FactDomains(source));
    }

    /// <summary>Loads and compiles a policy folder; throws <see cref="VerdictException"/> listing every problem.</summary>
    public static PolicyBundle Load(string folder, BundleOptions? options = null)
    {
        var diagnostics = new List<Diagnostic>();
        var bundle = TryLoad(folder, diagnostics, options);
        if (bundle is null || diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error))
            throw new VerdictException(diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList());
        return bundle;
    }

    /// <summary>Loads and compiles, collecting diagnostics instead of throwing. Null when the bundle cannot be used.</summary>
    public static PolicyBundle? TryLoad(string folder, List<Diagnostic> diagnostics, BundleOptions? options = null)
    {
        options ??= new BundleOptions();
        var source = BundleSource.Read(folder, diagnostics, options.Limits);
        if (source is null) return null;
        return Compile(source, diagnostics, options);
    }

    /// <summary>Compiles read documents.</summary>
    public static PolicyBundle? Compile(BundleSource source, List<Diagnostic> diagnostics, BundleOptions? options = null)
    {
        options ??= new BundleOptions();
        var before = diagnostics.Count;
        var ctx = new CompileContext(source.Manifest, options);
        CheckVersions(source.Documents, diagnostics);

        T? Try<T>(Func<T> f) where T : class
        {
            try { return f(); }
            catch (VerdictException e) { diagnostics.AddRange(e.Diagnostics); return null; }
        }

        foreach (var cal in source.Documents.OfType<CalendarDocument>())
            Try(() => ctx.Calendars[cal.Header.Id] = new BusinessCalendar(cal, CompileContext.Zone(cal.Zone, cal.Node.Get("zone")!.Location)));

        var severityDocs = source.Documents.OfType<SeverityMatrixDocument>().ToList();
        if (severityDocs.Select(d => d.Header.Id).Distinct().Count() > 1)
            diagnostics.Add(Diagnostic.Error(Codes.DuplicatePolicy,
                $"a bundle has one severity matrix, this one has {string.Join(", ", severityDocs.Select(d => $"`{d.Header.Id}`").Distinct())}",
                severityDocs[1].Location, "keep one SeverityMatrix id; express variants as versions or rows"));
        var severity = severityDocs.Select(d => Try(() =>
        {
            var lang = ctx.Language(d.Header.Language, d.Location);
            return new CompiledSeverity(d, lang);
        })).Where(x => x is not null).ToList();

        var notes = new List<Versioned<CompiledNotification>>();
        var dutyIds = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var group in source.Documents.OfType<NotificationObligationDocument>().GroupBy(d => d.Header.Id))
        {
            var compiled = new List<CompiledNotification>();
            foreach (var d in group)
            {
                var errs = new List<Diagnostic>();
                ctx.CheckVocabulary("regime", d.Regime, d.Node.Get("regime")!.Location, errs);
                if (ctx.Literals.Jurisdiction(d.Jurisdiction, d.Node.Get("jurisdiction")!.Location) is { } badPlace) errs.Add(badPlace);
                diagnostics.AddRange(errs);
                foreach (var o in d.Obligations)
                    if (dutyIds.TryGetValue(o.Id, out var owner) && owner != d.Header.Id)
                        diagnostics.Add(Diagnostic.Error(Codes.DuplicatePolicy, $"obligation id `{o.Id}` is also defined by `{owner}`", o.Node.Location,
                            "obligation ids are global: facts.notices refer to them"));
                    else dutyIds[o.Id] = d.Header.Id;
                if (Try(() => new CompiledNotification(d, ctx)) is { } c) compiled.Add(c);
            }
            notes.Add(new Versioned<CompiledNotification>(compiled, c => c.Document.Header));
        }

        var purposes = CompiledPurposes.Compile(source.Documents.OfType<PurposeBindingDocument>(), diagnostics);
        var escalation = CompiledEscalation.Compile(source.Documents.OfType<EscalationPathDocument>(), ctx, diagnostics);
        var actions = CompiledActions.Compile(source.Documents.OfType<ActionPlanDocument>(), ctx, diagnostics);
        var risks = source.Documents.OfType<RiskAssessmentDocument>()
            .Select(d => Try(() => new CompiledRiskAssessment(d, ctx.Language(d.Header.Language, d.Location)))).OfType<CompiledRiskAssessment>().ToList();

        if (diagnostics.Skip(before).Any(d => d.Severity == DiagnosticSeverity.Error)) return null;
        return new PolicyBundle(source, ctx,
            severity.Count > 0 ? new Versioned<CompiledSeverity>(severity!, s => s.Document.Header) : null,
            notes.ToArray()) { PurposeIndex = purposes, EscalationIndex = escalation, ActionIndex = actions,
            RiskIndex = risks.Count > 0 ? new Versioned<CompiledRiskAssessment>(risks, r => r.Document.Header) : null };
    }

    private static void CheckVersions(IReadOnlyList<PolicyDocument> docs, List<Diagnostic> diagnostics)
    {
        foreach (var group in docs.GroupBy(d => d.Header.Id))
        {
            var list = group.OrderBy(d => d.Header.From).ToList();
            for (var i = 0; i < list.Count; i++)
            for (var j = i + 1; j < list.Count; j++)
            {
                var a = list[i].Header;
                var b = list[j].Header;
                if (a.Version == b.Version)
                    diagnostics.Add(Diagnostic.Error(Codes.DuplicatePolicy, $"policy `{a.Ref}` is defined twice (also in `{list[i].File}`)",
                        list[j].Node.Get("version")?.Location ?? list[j].Location, "bump the version of the newer file"));
                else if (a.Effective.Overlaps(b.Effective))
                    diagnostics.Add(Diagnostic.Error(Codes.OverlappingEffective,
                        $"`{b.Ref}` takes effect {b.From:uuuu-MM-dd} while `{a.Ref}` is still in force" + (a.Until is null ? " (no `until`)" : $" until {a.Until:uuuu-MM-dd}"),
                        list[j].Node.Get("effective")?.Location ?? list[j].Location,
                        $"set `effective.until: {b.From:uuuu-MM-dd}` on `{a.Ref}`"));
            }
        }
    }

    /// <summary>
    /// Decides one incident. Pure: the same bundle and facts give the same decision on any machine, zone and culture.
    /// A policy that fails while deciding (a unique table matching two rows, a script error or limit) does not throw:
    /// its item is <c>failed</c>, <see cref="Decision.Failures"/> holds the diagnostic, and the rest is still decided.
    /// </summary>
    public Decision Decide(IncidentFacts facts, DecideOptions? options = null)
    {
        var trace = options?.Explain == true ? new List<TraceEntry>() : null;
        var cancel = options?.Cancel ?? CancellationToken.None;
        var scope = new FactScope(facts, Places);
        var ctx = new Pipeline.DecisionContext(facts, scope, trace);
        var date = facts.Timeline.AwareAt.InUtc().Date;

        // Stages run purpose → risk → severity → obligations → escalation → actions; each reads only what came before.
        IReadOnlyList<PurposeViolation> violations = [];
        if ((facts.Presence & AccessBits) != UInt128.Zero && !PurposeIndex.IsEmpty)
        {
            var found = new List<PurposeViolation>();
            PurposeIndex.Check(facts, facts.Timeline.AwareAt, found, trace);
            scope.SetPurposeViolations(found.Count);
            violations = found;
        }

        // Risk to people comes before severity and obligations, which read risk.level, risk.high and risk.unlikely.
        var risk = RiskStage.Decide(RiskIndex, scope, facts, trace);

        cancel.ThrowIfCancellationRequested();
        var matrix = _severity?.At(facts.Timeline.AwareAt);
        SeverityResult severity;
        if (matrix is null)
            severity = new SeverityResult("indeterminate", "", [], [], [$"no severity matrix is in force on {date:uuuu-MM-dd}"], []);
        else
        {
            try { severity = matrix.Evaluate(scope, trace); }
            catch (VerdictException e)
            {
                ctx.Fail("severity", matrix.Ref, null, e);
                severity = new SeverityResult(SeverityLevels.Failed, matrix.Ref, [], [], e.Diagnostics.Select(d => d.Message).ToArray(), []);
            }
        }

        // Obligations are gathered in a per-thread scratch list and copied out at their exact count, so a decision
        // allocates one array rather than a list and its regrown buffers.
        cancel.ThrowIfCancellationRequested();
        var scratch = t_obligations ??= new List<ObligationResult>();
        scratch.Clear();
        _notificationIndex.Evaluate(scope, facts, facts.Timeline.AwareAt, scratch, trace, ctx);
        scratch.Sort(ObligationOrder);
        ObligationResult[] obligations = scratch.Count == 0 ? [] : scratch.ToArray();
        scratch.Clear();
        scope.SetObligations(obligations, complete: !ctx.FailedIn("obligations"));

        cancel.ThrowIfCancellationRequested();
        var escalation = CompiledEscalation.Plan(EscalationIndex, scope, facts, obligations, facts.Timeline.AwareAt, trace, ctx);
        var actions = ActionIndex.Plan(scope, facts.Timeline.AwareAt, trace, ctx);

        var digest = Digest;
        var decision = new Decision(
            () => DecisionIds.For(digest, facts), facts.Id, _info,
            severity, violations, obligations, escalation, actions, trace) { Failures = ctx.Failures, Risk = risk };
        // Under uncertainty (docs/decision.md): only when asked, and only when some item waits for a fact.
        if (options?.Uncertainty != true || !Uncertainty.UncertaintyAnalysis.AnyOpen(decision, facts)) return decision;
        cancel.ThrowIfCancellationRequested();
        var report = Uncertainty.UncertaintyAnalysis.Analyze(this, facts, decision, _domains.Value, Source.Manifest.UncertaintyCompletions, cancel);
        return report is null ? decision : decision with { Uncertainty = report };
    }

    /// <summary>
    /// Decides one access request against the purpose bindings (the newest versions, or those in force on
    /// <see cref="AccessRequest.On"/>). The runtime hot path: allocation-free when the access is allowed.
    /// </summary>
    public AccessDecision DecideAccess(AccessRequest request) => PurposeIndex.Decide(request);

    private static readonly UInt128 AccessBits = FactPaths.Bit("access");

    [ThreadStatic] private static List<ObligationResult>? t_obligations;

    private static int ObligationOrder(ObligationResult a, ObligationResult b)
    {
        if (a.DueAt is null != b.DueAt is null) return a.DueAt is null ? 1 : -1;
        if (a.DueAt is { } x && b.DueAt is { } y && x != y) return x.CompareTo(y);
        var c = string.CompareOrdinal(a.Id, b.Id);
        if (c != 0) return c;
        return StageRank(a.Stage).CompareTo(StageRank(b.Stage));
    }

    // The order of Vocabulary.Stages; unknown stages first, as Array.IndexOf gave.
    private static int StageRank(string stage) => stage switch
    {
        "single" => 0,
        "early-warning" => 1,
        "initial" => 2,
        "intermediate" => 3,
        "notification" => 4,
        "final" => 5,
        _ => -1,
    };
}

/// <summary>Per-call options of <see cref="PolicyBundle.Decide"/>.</summary>
public sealed record DecideOptions
{
    /// <summary>Record every rule evaluated, matched or not, in <see cref="Decision.Trace"/>.</summary>
    public bool Explain { get; init; }
    /// <summary>Abandons the decision (throws <see cref="OperationCanceledException"/>) between stages once cancelled,
    /// e.g. when the HTTP client has gone. Never changes a decision that completes.</summary>
    public CancellationToken Cancel { get; init; }
    /// <summary>
    /// Also work out what indeterminate items could turn into (<see cref="Decision.Uncertainty"/>): on for any options
    /// object, as the CLI and HTTP paths pass one; a call without options skips it. A decision with no item waiting
    /// for an incident fact pays nothing either way.
    /// </summary>
    public bool Uncertainty { get; init; } = true;
}
