using System.Linq.Dynamic.Core.CustomTypeProviders;
using Verdict.Facts;

namespace Verdict.Expressions;

/// <summary>
/// What an expression sees: the incident facts, what earlier stages of the decision derived (severity, purpose), and a
/// fixed set of helper functions. Nothing else is reachable — the sandbox rejects any other type or method.
/// </summary>
[DynamicLinqType]
public sealed class FactScope
{
    internal readonly IncidentFacts Facts;
    internal readonly Jurisdictions Places;
    internal UInt128 Presence;

    /// <summary>Creates a scope over facts; derived parts start out absent.</summary>
    public FactScope(IncidentFacts facts, Jurisdictions places)
    {
        Facts = facts;
        Places = places;
        Presence = facts.Presence;
    }

    public string Id => Facts.Id;
    public TimelineFacts Timeline => Facts.Timeline;
    public OrganizationFacts Organization => Facts.Organization;
    public SourceFacts Source => Facts.Source;
    public AiFacts Ai => Facts.Ai;
    public BreachFacts Breach => Facts.Breach;
    public DataFacts Data => Facts.Data;
    public IReadOnlyList<AccessFact> Access => Facts.Access;
    public IReadOnlyList<NoticeFact> Notices => Facts.Notices;
    public AssessmentFacts Assessment => Facts.Assessment;

    /// <summary>The severity decided by the first stage.</summary>
    public SeverityView Severity { get; } = new();

    /// <summary>What the purpose-binding stage found.</summary>
    public PurposeView Purpose { get; } = new();

    /// <summary>The risk to people decided by the risk stage (before severity and obligations).</summary>
    public RiskView Risk { get; } = new();

    /// <summary>People affected under a code or group: <c>subjectsIn("EU")</c>, <c>subjectsIn("US-CA")</c>.</summary>
    [RequiresFacts("data.subjects")]
    public long SubjectsIn(string jurisdiction) => Places.Count(Facts, jurisdiction);

    /// <summary>
    /// True when the incident gives <paramref name="path"/> (<c>known("assessment.riskToRights")</c>). Never unknown
    /// itself, so a condition can ask what to do when a finding is absent rather than becoming indeterminate.
    /// </summary>
    public bool Known(string path) => FactPaths.TryMask(path, out var mask) && (Presence & mask) != UInt128.Zero;

    /// <summary>All people affected, over every jurisdiction.</summary>
    [RequiresFacts("data.subjects")]
    public long SubjectsTotal()
    {
        long n = 0;
        foreach (var (_, c) in Facts.Data.SubjectArray) n = checked(n + c);
        return n;
    }

    /// <summary>True when the organization has an establishment under a code or group.</summary>
    [RequiresFacts("organization.establishments")]
    public bool EstablishedIn(string jurisdiction)
    {
        foreach (var e in Facts.Organization.Establishments)
            if (Places.Covers(jurisdiction, e)) return true;
        return false;
    }

    /// <summary>
    /// True when an availability breach was over, service restored, within <paramref name="hours"/>
    /// (<c>restoredWithinHours(24)</c>); unknown without <c>breach.restoredWithin</c>.
    /// </summary>
    [RequiresFacts("breach.restoredWithin")]
    public bool RestoredWithinHours(double hours) => Facts.Breach.RestoredWithinSeconds <= hours * 3600;

    private IReadOnlyList<Decisions.ObligationResult>? _obligations;

    /// <summary>
    /// True when a notification of <paramref name="regime"/> (<c>"gdpr"</c>, <c>"dora"</c>) is required. Obligations are
    /// decided after severity, so in a severity condition this is unknown, never a silent false.
    /// </summary>
    [RequiresFacts("obligations")]
    public bool Owes(string regime)
    {
        if (_obligations is null) return false;
        foreach (var o in _obligations)
            if (o.Status == "required" && o.Regime == regime) return true;
        return false;
    }

    /// <summary>
    /// True when a required notification falls due no more than <paramref name="hours"/> after <c>timeline.awareAt</c>:
    /// <c>earliestDueWithinHours(24)</c> pages the DPO at once for a 24-hour clock. Like <see cref="Owes"/>, it sees
    /// obligations only in escalation paths and action plans.
    /// </summary>
    [RequiresFacts("timeline.awareAt", "obligations")]
    public bool EarliestDueWithinHours(double hours)
    {
        if (_obligations is null) return false;
        var limit = Facts.Timeline.AwareAt + NodaTime.Duration.FromSeconds(hours * 3600);
        foreach (var o in _obligations)
            if (o.Status == "required" && o.DueAt is { } due && due <= limit) return true;
        return false;
    }

    /// <summary>
    /// Makes the decided obligations visible to <see cref="Owes"/> and <see cref="EarliestDueWithinHours"/>. When a
    /// notification policy failed, what it would have owed is not known, so both stay unknown rather than a silent false.
    /// </summary>
    internal void SetObligations(IReadOnlyList<Decisions.ObligationResult> obligations, bool complete = true)
    {
        _obligations = obligations;
        if (complete) Presence |= FactPaths.Bit("obligations");
    }

    private static readonly UInt128 SeverityBits = FactPaths.Bit("severity");
    private static readonly UInt128 PurposeBits = FactPaths.Bit("purpose");

    internal void SetSeverity(int rank)
    {
        Severity.Rank = rank;
        Presence |= SeverityBits;
    }

    private static readonly UInt128 RiskLevelBits = FactPaths.Bit("risk.level") | FactPaths.Bit("risk.rank");

    /// <summary>Sets the risk from the set of possible ranks (bit r for rank r); each part is present only when decided.</summary>
    internal void SetRisk(int possible)
    {
        if (possible == 0) return;
        if ((possible & (possible - 1)) == 0)
        {
            Risk.Rank = System.Numerics.BitOperations.TrailingZeroCount(possible);
            Risk.Level = Model.RiskLevels.Risk[Risk.Rank];
            Presence |= RiskLevelBits;
        }
        const int high = 1 << 2, unlikely = 1 << 0;
        if (possible == high || (possible & high) == 0) { Risk.High = possible == high; Presence |= FactPaths.Bit("risk.high"); }
        if (possible == unlikely || (possible & unlikely) == 0) { Risk.Unlikely = possible == unlikely; Presence |= FactPaths.Bit("risk.unlikely"); }
    }

    internal void SetPurposeViolations(int count)
    {
        Purpose.Violations = count;
        Presence |= PurposeBits;
    }
}

/// <summary>The severity as expressions see it.</summary>
[DynamicLinqType]
public sealed class SeverityView
{
    /// <summary>The level names, lowest first.</summary>
    public static readonly string[] Levels = Decisions.SeverityLevels.Names;

    /// <summary>0 for low up to 3 for critical.</summary>
    public int Rank { get; internal set; }

    /// <summary>The level's name.</summary>
    public string Level => Levels[Rank];

    /// <summary>True when the severity is <paramref name="level"/> or above.</summary>
    public bool AtLeast(string level) => Rank >= RankOf(level);

    /// <summary>The rank of a level name; unknown names rank above critical so that a typo never matches.</summary>
    public static int RankOf(string level) => level switch
    {
        "low" => 0,
        "medium" => 1,
        "high" => 2,
        "critical" => 3,
        _ => int.MaxValue,
    };
}

/// <summary>Purpose-binding results as expressions see them.</summary>
[DynamicLinqType]
public sealed class PurposeView
{
    /// <summary>How many purpose violations the incident's accesses show.</summary>
    public int Violations { get; internal set; }
}

/// <summary>Marks a helper that reads the given facts, so a missing one makes its caller unknown.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class RequiresFactsAttribute(params string[] paths) : Attribute
{
    /// <summary>The fact paths the helper reads.</summary>
    public IReadOnlyList<string> Paths { get; } = paths;
}
