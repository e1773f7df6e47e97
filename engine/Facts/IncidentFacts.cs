using NodaTime;

namespace Verdict.Facts;

/// <summary>
/// Normalized incident facts: instants in UTC, sets sorted and de-duplicated. Every property has a harmless default so
/// that expressions never meet a null; whether the incident actually gave a value is recorded separately
/// (<see cref="Has(string)"/>), which is what turns a missing fact into "indeterminate" rather than a silent false.
/// </summary>
public sealed class IncidentFacts
{
    internal UInt128 Presence;

    /// <summary>The incident's identifier.</summary>
    public string Id { get; init; } = "";
    /// <summary>When things happened.</summary>
    public TimelineFacts Timeline { get; init; } = new();
    /// <summary>Who the organization is.</summary>
    public OrganizationFacts Organization { get; init; } = new();
    /// <summary>Where the leak came from.</summary>
    public SourceFacts Source { get; init; } = new();
    /// <summary>AI systems involved.</summary>
    public AiFacts Ai { get; init; } = new();
    /// <summary>Circumstances of the breach.</summary>
    public BreachFacts Breach { get; init; } = new();
    /// <summary>The data and people affected.</summary>
    public DataFacts Data { get; init; } = new();
    /// <summary>Observed data accesses, checked against purpose bindings.</summary>
    public IReadOnlyList<AccessFact> Access { get; init; } = [];
    /// <summary>Notifications already submitted.</summary>
    public IReadOnlyList<NoticeFact> Notices { get; init; } = [];
    /// <summary>The controller's own findings.</summary>
    public AssessmentFacts Assessment { get; init; } = new();

    /// <summary>True when the incident gave a value for <paramref name="path"/> (a leaf, a list, or any leaf under a section).</summary>
    public bool Has(string path) => FactPaths.TryMask(path, out var mask) && (Presence & mask) != UInt128.Zero;

    /// <summary>Records that the incident gave a value for <paramref name="path"/>; used by loaders and adapters.</summary>
    public void MarkPresent(string path) => Presence |= FactPaths.Bit(path);

    /// <summary>The instant of a timeline event by its field name (<c>awareAt</c>), or null when absent.</summary>
    public Instant? Clock(string field) => Has("timeline." + field) ? Timeline.Get(field) : null;
}

/// <summary>Instants of the incident's timeline, in UTC.</summary>
public sealed class TimelineFacts
{
    public Instant OccurredAt { get; init; }
    public Instant DetectedAt { get; init; }
    public Instant AwareAt { get; init; }
    public Instant AssessedAt { get; init; }
    public Instant ClassifiedMajorAt { get; init; }
    public Instant MaterialityDeterminedAt { get; init; }
    public Instant ContainedAt { get; init; }

    internal Instant Get(string field) => field switch
    {
        "occurredAt" => OccurredAt,
        "detectedAt" => DetectedAt,
        "awareAt" => AwareAt,
        "assessedAt" => AssessedAt,
        "classifiedMajorAt" => ClassifiedMajorAt,
        "materialityDeterminedAt" => MaterialityDeterminedAt,
        "containedAt" => ContainedAt,
        _ => throw new ArgumentOutOfRangeException(nameof(field), field, "unknown timeline field"),
    };
}

public sealed class OrganizationFacts
{
    public string Role { get; init; } = "";
    public string Sector { get; init; } = "";
    public IReadOnlyList<string> RegulatedAs { get; init; } = [];
    public IReadOnlyList<string> Establishments { get; init; } = [];
    public bool SmallAgent { get; init; }
}

public sealed class SourceFacts
{
    public string System { get; init; } = "";
    public string Surface { get; init; } = "";
    public string Vector { get; init; } = "";
    public string ConnectedApp { get; init; } = "";
    public string Integration { get; init; } = "";
    public IReadOnlyList<string> Credentials { get; init; } = [];
}

public sealed class AiFacts
{
    public bool Involved { get; init; }
    public IReadOnlyList<AiSystemFact> Systems { get; init; } = [];
    public SeriousIncidentFacts SeriousIncident { get; init; } = new();
}

public sealed class AiSystemFact
{
    public string Id { get; init; } = "";
    public string Role { get; init; } = "";
    public string RiskClass { get; init; } = "";
    public string Autonomy { get; init; } = "";
    public string ModelVersion { get; init; } = "";
    public string DeclaredPurpose { get; init; } = "";
}

public sealed class SeriousIncidentFacts
{
    public bool Death { get; init; }
    public bool HealthHarm { get; init; }
    public bool CriticalInfrastructureDisruption { get; init; }
    public bool FundamentalRightsInfringement { get; init; }
    public bool PropertyOrEnvironmentHarm { get; init; }
    public bool Widespread { get; init; }
}

public sealed class BreachFacts
{
    public IReadOnlyList<string> Types { get; init; } = [];
    public string Cause { get; init; } = "";
    public string Exfiltration { get; init; } = "";
    public string DataHolder { get; init; } = "";
    public bool DataRecovered { get; init; }
    /// <summary>Time until service was restored, as an ISO-8601 duration in seconds; 0 when absent.</summary>
    public long RestoredWithinSeconds { get; init; }
    public bool MisuseObserved { get; init; }
    /// <summary>Who received or reached the data: internal, professional-secrecy, trusted-third-party, known, unknown, malicious.</summary>
    public string Recipient { get; init; } = "";
    /// <summary>How the data was brought back under control: deleted-confirmed, recalled, returned, reversed, none.</summary>
    public string Recovery { get; init; } = "";
    /// <summary>True when the breach was caused deliberately.</summary>
    public bool Intentional { get; init; }
    /// <summary>The medium: system, email, post, paper, portable-device, phone.</summary>
    public string Medium { get; init; } = "";
    /// <summary>How many unintended recipients received the data.</summary>
    public long UnintendedRecipients { get; init; }
    /// <summary>True when a current backup or another intact copy existed.</summary>
    public bool BackupAvailable { get; init; }
    /// <summary>How many user accounts were actually entered.</summary>
    public long AccountsAccessed { get; init; }
}

public sealed class DataFacts
{
    public long Records { get; init; }
    public bool RecordsEstimated { get; init; }
    public IReadOnlyList<string> Categories { get; init; } = [];
    /// <summary>People affected by residence code, sorted by code.</summary>
    public IReadOnlyDictionary<string, long> Subjects { get; init; } = EmptySubjects;
    /// <summary>All people affected, over every jurisdiction; the loader sums with checked arithmetic.</summary>
    public long SubjectsTotal { get; init; }
    public IReadOnlyList<string> SubjectTypes { get; init; } = [];
    public string Encryption { get; init; } = "";
    /// <summary>How <see cref="Records"/> counts: exact, at-least, estimate.</summary>
    public string RecordsBound { get; init; } = "";
    /// <summary>ENISA ease of identification: maximum, significant, limited, negligible.</summary>
    public string Identifiability { get; init; } = "";

    internal static readonly IReadOnlyDictionary<string, long> EmptySubjects = new SortedDictionary<string, long>(StringComparer.Ordinal);

    // A flat copy for the jurisdiction helpers on the hot path (no enumerator allocation).
    private KeyValuePair<string, long>[]? _subjectArray;
    internal KeyValuePair<string, long>[] SubjectArray => _subjectArray ??= Subjects.ToArray();
}

public sealed class AccessFact
{
    public string Actor { get; init; } = "";
    public string Purpose { get; init; } = "";
    public string Object { get; init; } = "";
    public IReadOnlyList<string> Fields { get; init; } = [];
    public IReadOnlyList<string> Categories { get; init; } = [];
    public long Records { get; init; }
    public bool HasRecords { get; init; }
    public bool External { get; init; }
}

public sealed class NoticeFact
{
    public string Obligation { get; init; } = "";
    public string Stage { get; init; } = "";
    public Instant SubmittedAt { get; init; }
}

public sealed class AssessmentFacts
{
    public string RiskToRights { get; init; } = "";
    public bool Material { get; init; }
    public IReadOnlyList<string> Consequences { get; init; } = [];
    public bool LawEnforcementDelay { get; init; }
}
