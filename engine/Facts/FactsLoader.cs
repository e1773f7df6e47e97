using System.Globalization;
using NodaTime;
using NodaTime.Text;
using Verdict.Diagnostics;
using Verdict.Schemas;
using Verdict.Syntax;

namespace Verdict.Facts;

/// <summary>
/// Reads incident facts from JSON or YAML, validates them against <c>incident-facts.schema.json</c> and normalizes them.
/// Every problem is reported at once, each with its path and, for files, line and column.
/// </summary>
public static class FactsLoader
{
    private static readonly OffsetDateTimePattern InstantPattern = OffsetDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mm;FFFFFFFFFo<Z+HH:mm>");
    private static readonly OffsetDateTimePattern InstantWithSeconds = OffsetDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mm':'ss;FFFFFFFFFo<Z+HH:mm>");

    /// <summary>Loads a facts file.</summary>
    public static IncidentFacts LoadFile(string path, string? displayName = null, ReaderLimits? limits = null) =>
        FromNode(NodeReader.ReadFile(path, displayName ?? path, limits));

    /// <summary>Loads facts from text (a request body, say); <paramref name="source"/> names it in diagnostics.</summary>
    public static IncidentFacts LoadText(string text, string source = "<facts>", ReaderLimits? limits = null) =>
        FromNode(NodeReader.Read(text, source, limits));

    /// <summary>Validates and binds a parsed document.</summary>
    public static IncidentFacts FromNode(Node root)
    {
        if (root is not MapNode)
            throw VerdictException.Single(Codes.WrongType, $"expected a mapping of incident facts, found {root.KindWord}", root.Location,
                "start with `id:` and `timeline:`");
        var errors = SchemaValidator.Validate(root, SchemaCatalog.Get(SchemaCatalog.IncidentFacts));
        if (errors.Count > 0) throw new VerdictException(errors);
        var binder = new Binder();
        var facts = binder.Bind((MapNode)root);
        if (binder.Errors.Count > 0) throw new VerdictException(binder.Errors);
        return facts;
    }

    /// <summary>Parses an ISO-8601 instant with an offset, normalizing it to UTC.</summary>
    public static bool TryParseInstant(string text, out Instant instant)
    {
        var r = InstantWithSeconds.Parse(text);
        if (!r.Success) r = InstantPattern.Parse(text);
        instant = r.Success ? r.Value.ToInstant() : default;
        return r.Success;
    }

    private sealed class Binder
    {
        public List<Diagnostic> Errors { get; } = [];
        private UInt128 _presence;

        public IncidentFacts Bind(MapNode root)
        {
            var f = new IncidentFacts
            {
                Id = Str(root, "id", "id"),
                Timeline = Timeline(root.GetValue("timeline") as MapNode),
                Organization = Organization(root.GetValue("organization") as MapNode),
                Source = Source(root.GetValue("source") as MapNode),
                Ai = Ai(root.GetValue("ai") as MapNode),
                Breach = Breach(root.GetValue("breach") as MapNode),
                Data = Data(root.GetValue("data") as MapNode),
                Access = Access(root.GetValue("access") as SeqNode),
                Notices = Notices(root.GetValue("notices") as SeqNode),
                Assessment = Assessment(root.GetValue("assessment") as MapNode),
            };
            if (root.GetValue("evidence") is SeqNode) Mark("evidence");
            f.Presence = _presence;
            return f;
        }

        private void Mark(string path) => _presence |= FactPaths.Bit(path);

        private string Str(MapNode? m, string key, string path)
        {
            if (m?.GetValue(key) is ScalarNode s) { Mark(path); return s.Value; }
            return "";
        }

        private bool Bool(MapNode? m, string key, string path)
        {
            if (m?.GetValue(key) is ScalarNode s) { Mark(path); return NodeReader.AsBool(s); }
            return false;
        }

        private long Long(MapNode? m, string key, string path)
        {
            if (m?.GetValue(key) is ScalarNode s && long.TryParse(s.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v))
            {
                Mark(path);
                return v;
            }
            return 0;
        }

        private IReadOnlyList<string> Set(MapNode? m, string key, string? path)
        {
            if (m?.GetValue(key) is not SeqNode seq) return [];
            if (path is not null) Mark(path);
            return Normalize(seq.Items.OfType<ScalarNode>().Select(s => s.Value));
        }

        private Instant Instant(MapNode? m, string key, string path)
        {
            if (m?.GetValue(key) is not ScalarNode s) return default;
            if (!TryParseInstant(s.Value, out var i))
            {
                Errors.Add(Diagnostic.Error(Codes.BadFormat, $"`{s.Value}` is not a valid instant for `{s.Path}`", s.Location,
                    "write an ISO-8601 instant with an offset, e.g. 2026-11-20T16:30:00Z"));
                return default;
            }
            Mark(path);
            return i;
        }

        private TimelineFacts Timeline(MapNode? m) => new()
        {
            OccurredAt = Instant(m, "occurredAt", "timeline.occurredAt"),
            DetectedAt = Instant(m, "detectedAt", "timeline.detectedAt"),
            AwareAt = Instant(m, "awareAt", "timeline.awareAt"),
            AssessedAt = Instant(m, "assessedAt", "timeline.assessedAt"),
            ClassifiedMajorAt = Instant(m, "classifiedMajorAt", "timeline.classifiedMajorAt"),
            MaterialityDeterminedAt = Instant(m, "materialityDeterminedAt", "timeline.materialityDeterminedAt"),
            ContainedAt = Instant(m, "containedAt", "timeline.containedAt"),
        };

        private OrganizationFacts Organization(MapNode? m) => new()
        {
            Role = Str(m, "role", "organization.role"),
            Sector = Str(m, "sector", "organization.sector"),
            RegulatedAs = Set(m, "regulatedAs", "organization.regulatedAs"),
            Establishments = Set(m, "establishments", "organization.establishments"),
            SmallAgent = Bool(m, "smallAgent", "organization.smallAgent"),
        };

        private SourceFacts Source(MapNode? m) => new()
        {
            System = Str(m, "system", "source.system"),
            Surface = Str(m, "surface", "source.surface"),
            Vector = Str(m, "vector", "source.vector"),
            ConnectedApp = Str(m, "connectedApp", "source.connectedApp"),
            Integration = Str(m, "integration", "source.integration"),
            Credentials = Set(m, "credentials", "source.credentials"),
        };

        private AiFacts Ai(MapNode? m)
        {
            var systems = new List<AiSystemFact>();
            if (m?.GetValue("systems") is SeqNode seq)
            {
                Mark("ai.systems");
                foreach (var item in seq.Items.OfType<MapNode>())
                    systems.Add(new AiSystemFact
                    {
                        Id = item.GetString("id") ?? "",
                        Role = item.GetString("role") ?? "",
                        RiskClass = item.GetString("riskClass") ?? "",
                        Autonomy = item.GetString("autonomy") ?? "",
                        ModelVersion = item.GetString("modelVersion") ?? "",
                        DeclaredPurpose = item.GetString("declaredPurpose") ?? "",
                    });
                systems.Sort((a, b) => string.CompareOrdinal(a.Id, b.Id));
            }
            var si = m?.GetValue("seriousIncident") as MapNode;
            return new AiFacts
            {
                Involved = Bool(m, "involved", "ai.involved"),
                Systems = systems,
                SeriousIncident = new SeriousIncidentFacts
                {
                    Death = Bool(si, "death", "ai.seriousIncident.death"),
                    HealthHarm = Bool(si, "healthHarm", "ai.seriousIncident.healthHarm"),
                    CriticalInfrastructureDisruption = Bool(si, "criticalInfrastructureDisruption", "ai.seriousIncident.criticalInfrastructureDisruption"),
                    FundamentalRightsInfringement = Bool(si, "fundamentalRightsInfringement", "ai.seriousIncident.fundamentalRightsInfringement"),
                    PropertyOrEnvironmentHarm = Bool(si, "propertyOrEnvironmentHarm", "ai.seriousIncident.propertyOrEnvironmentHarm"),
                    Widespread = Bool(si, "widespread", "ai.seriousIncident.widespread"),
                },
            };
        }

        private BreachFacts Breach(MapNode? m)
        {
            long restored = 0;
            if (m?.GetValue("restoredWithin") is ScalarNode r)
            {
                var p = PeriodPattern.NormalizingIso.Parse(r.Value);
                if (p.Success) { restored = (long)p.Value.ToDuration().TotalSeconds; Mark("breach.restoredWithin"); }
                else Errors.Add(Diagnostic.Error(Codes.BadFormat, $"`{r.Value}` is not a valid duration for `breach.restoredWithin`", r.Location,
                    "write an ISO-8601 duration such as PT36H or P2D"));
            }
            return new BreachFacts
            {
                Types = Set(m, "types", "breach.types"),
                Cause = Str(m, "cause", "breach.cause"),
                Exfiltration = Str(m, "exfiltration", "breach.exfiltration"),
                DataHolder = Str(m, "dataHolder", "breach.dataHolder"),
                DataRecovered = Bool(m, "dataRecovered", "breach.dataRecovered"),
                RestoredWithinSeconds = restored,
                MisuseObserved = Bool(m, "misuseObserved", "breach.misuseObserved"),
            };
        }

        private DataFacts Data(MapNode? m)
        {
            var subjects = new SortedDictionary<string, long>(StringComparer.Ordinal);
            if (m?.GetValue("subjects") is MapNode sm)
            {
                Mark("data.subjects");
                foreach (var (k, v) in sm.Entries)
                    if (v is ScalarNode s && long.TryParse(s.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n > 0)
                        subjects[k.Value] = n;
            }
            return new DataFacts
            {
                Records = Long(m, "records", "data.records"),
                RecordsEstimated = Bool(m, "recordsEstimated", "data.recordsEstimated"),
                Categories = Set(m, "categories", "data.categories"),
                Subjects = subjects,
                SubjectTypes = Set(m, "subjectTypes", "data.subjectTypes"),
                Encryption = Str(m, "encryption", "data.encryption"),
            };
        }

        private IReadOnlyList<AccessFact> Access(SeqNode? seq)
        {
            if (seq is null) return [];
            Mark("access");
            var list = new List<AccessFact>();
            foreach (var item in seq.Items.OfType<MapNode>())
            {
                var records = item.GetValue("records") as ScalarNode;
                list.Add(new AccessFact
                {
                    Actor = item.GetString("actor") ?? "",
                    Purpose = item.GetString("purpose") ?? "",
                    Object = item.GetString("object") ?? "",
                    Fields = Set(item, "fields", null),
                    Categories = Set(item, "categories", null),
                    Records = records is null ? 0 : long.Parse(records.Value, CultureInfo.InvariantCulture),
                    HasRecords = records is not null,
                    External = item.GetValue("external") is ScalarNode e && NodeReader.AsBool(e),
                });
            }
            // Accesses keep their order of observation: that order is part of the incident's story.
            return list;
        }

        private IReadOnlyList<NoticeFact> Notices(SeqNode? seq)
        {
            if (seq is null) return [];
            Mark("notices");
            var list = new List<NoticeFact>();
            foreach (var item in seq.Items.OfType<MapNode>())
            {
                var at = item.GetValue("submittedAt") as ScalarNode;
                Instant submitted = default;
                if (at is not null && !TryParseInstant(at.Value, out submitted))
                    Errors.Add(Diagnostic.Error(Codes.BadFormat, $"`{at.Value}` is not a valid instant for `{at.Path}`", at.Location,
                        "write an ISO-8601 instant with an offset, e.g. 2026-11-20T19:00:00Z"));
                list.Add(new NoticeFact { Obligation = item.GetString("obligation") ?? "", Stage = item.GetString("stage") ?? "", SubmittedAt = submitted });
            }
            list.Sort((a, b) => a.SubmittedAt.CompareTo(b.SubmittedAt) is var c && c != 0 ? c : string.CompareOrdinal(a.Obligation, b.Obligation));
            return list;
        }

        private AssessmentFacts Assessment(MapNode? m) => new()
        {
            RiskToRights = Str(m, "riskToRights", "assessment.riskToRights"),
            Material = Bool(m, "material", "assessment.material"),
            Consequences = Set(m, "consequences", "assessment.consequences"),
            LawEnforcementDelay = Bool(m, "lawEnforcementDelay", "assessment.lawEnforcementDelay"),
        };
    }

    /// <summary>Sorts ordinally and removes duplicates: sets in facts have no meaningful order.</summary>
    public static IReadOnlyList<string> Normalize(IEnumerable<string> values)
    {
        var list = values.Distinct(StringComparer.Ordinal).ToList();
        list.Sort(StringComparer.Ordinal);
        return list;
    }
}
