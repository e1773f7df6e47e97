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
    private readonly CompiledPurposes PurposeIndex;
    private readonly Versioned<CompiledEscalation>[] EscalationIndex;
    private readonly CompiledActions ActionIndex;
    private readonly Versioned<CompiledRiskAssessment>? _risk;
    private readonly DecisionPipeline _pipeline;
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
    /// <summary>Every action plan version.</summary>
    public IEnumerable<CompiledPlan> ActionPlans => ActionIndex.All;
    /// <summary>Every risk assessment version.</summary>
    public IReadOnlyList<CompiledRiskAssessment> RiskAssessments => _risk?.All ?? [];

    private PolicyBundle(BundleSource source, CompileContext ctx, Versioned<CompiledSeverity>? severity, Versioned<CompiledNotification>[] notifications,
        CompiledPurposes purposes, Versioned<CompiledEscalation>[] escalation, CompiledActions actions, Versioned<CompiledRiskAssessment>? risk)
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
        PurposeIndex = purposes;
        EscalationIndex = escalation;
        ActionIndex = actions;
        _risk = risk;
        // The declared order of the decide step; each stage reads only what came before (the pipeline checks it).
        _pipeline = new DecisionPipeline(_info, Places,
        [
            new PurposeStage(purposes),
            new RiskAssessmentStage(risk),
            new SeverityStage(severity),
            new ObligationsStage(new NotificationIndex(notifications, Places)),
            new EscalationStage(escalation),
            new ActionsStage(actions),
        ]);
        _domains = new Lazy<Uncertainty.FactDomains>(() => new Uncertainty.FactDomains(source));
    }

    /// <summary>The stages of a decision, in the order they run.</summary>
    public IReadOnlyList<string> Stages => _pipeline.Order;

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
            notes.ToArray(), purposes, escalation, actions,
            risks.Count > 0 ? new Versioned<CompiledRiskAssessment>(risks, r => r.Document.Header) : null);
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
        var cancel = options?.Cancel ?? CancellationToken.None;
        var decision = _pipeline.Run(facts, options?.Explain == true, cancel);
        // Under uncertainty (docs/decision.md): only when asked, and only when some item waits for a fact.
        if (options?.Uncertainty != true || !Uncertainty.UncertaintyAnalysis.AnyOpen(decision, facts)) return decision;
        cancel.ThrowIfCancellationRequested();
        var report = Uncertainty.UncertaintyAnalysis.Analyze(f => Decide(f), facts, decision, _domains.Value, Source.Manifest.UncertaintyCompletions, cancel);
        return report is null ? decision : decision with { Uncertainty = report };
    }

    /// <summary>
    /// Decides one access request against the purpose bindings (the newest versions, or those in force on
    /// <see cref="AccessRequest.On"/>). The runtime hot path: allocation-free when the access is allowed.
    /// </summary>
    public AccessDecision DecideAccess(AccessRequest request) => PurposeIndex.Decide(request);
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
