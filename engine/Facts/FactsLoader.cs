using System.Globalization;
using System.Text;
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

    /// <summary>The earliest instant facts may name: deadline arithmetic is exact from here on.</summary>
    public static readonly Instant SupportedFrom = NodaTime.Instant.FromUtc(1900, 1, 1, 0, 0);

    /// <summary>The first instant facts may not name: far enough from the calendar's end that no deadline, however long
    /// its policy's clock, overflows.</summary>
    public static readonly Instant SupportedUntil = NodaTime.Instant.FromUtc(9000, 1, 1, 0, 0);

    /// <summary>The largest count of people or records accepted: beyond any real population, so sums never wrap.</summary>
    public const long MaxCount = 10_000_000_000;

    /// <summary>The longest <c>breach.restoredWithin</c> accepted: 100 years, in seconds.</summary>
    public const long MaxRestoredWithinSeconds = 36_500L * 86_400;

    private static readonly UTF8Encoding StrictUtf8 = new(false, true);

    /// <summary>Loads a facts file (YAML, or JSON, which is YAML). Bytes that are not UTF-8 are a located error.</summary>
    public static IncidentFacts LoadFile(string path, string? displayName = null, ReaderLimits? limits = null)
    {
        displayName ??= path;
        limits ??= ReaderLimits.Default;
        byte[] bytes;
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists)
                throw VerdictException.Single(Codes.FileUnreadable, $"file `{displayName}` does not exist", null, "check the path");
            if (info.Length > limits.MaxBytes)
                throw VerdictException.Single(Codes.FileTooLarge, $"file is {info.Length} bytes, over the limit of {limits.MaxBytes} bytes",
                    new SourceLocation(displayName, 1, 1), "split the input or raise the limit");
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw VerdictException.Single(Codes.FileUnreadable, $"cannot read `{displayName}`: {e.Message}");
        }
        return LoadYaml(bytes, displayName, limits);
    }

    /// <summary>The file path after the read: strict UTF-8, then YAML. Fuzzers call it without a file.</summary>
    internal static IncidentFacts LoadYaml(byte[] bytes, string displayName, ReaderLimits? limits = null) =>
        FromNode(NodeReader.Read(Decode(bytes, displayName), displayName, limits));

    /// <summary>Loads facts from YAML or JSON text; <paramref name="source"/> names it in diagnostics.</summary>
    public static IncidentFacts LoadText(string text, string source = "<facts>", ReaderLimits? limits = null) =>
        FromNode(NodeReader.Read(text, source, limits));

    /// <summary>
    /// Loads facts from the UTF-8 bytes of a JSON document (a request body): System.Text.Json reads it, the schema
    /// checks it and the binder normalizes it, with no YAML on the way. Every problem is a <see cref="VerdictException"/>
    /// whose diagnostics name the JSON path (<c>$.data.subjects.california</c>) and the line and column.
    /// </summary>
    public static IncidentFacts LoadJson(ReadOnlySpan<byte> utf8, string source = "<facts>", ReaderLimits? limits = null) =>
        FromNode(JsonNodeReader.Read(utf8, source, limits), jsonPaths: true);

    /// <summary>Validates and binds a parsed document.</summary>
    public static IncidentFacts FromNode(Node root) => FromNode(root, jsonPaths: false);

    private static IncidentFacts FromNode(Node root, bool jsonPaths)
    {
        if (root is not MapNode map)
            throw new VerdictException([Diagnostic.Error(Codes.WrongType, $"expected a mapping of incident facts, found {root.KindWord}", root.Location,
                "start with `id:` and `timeline:`") with { JsonPath = jsonPaths ? "$" : null }]);
        var places = FactsVocabulary.Check(map, jsonPaths);
        var errors = SchemaValidator.Validate(root, SchemaCatalog.Get(SchemaCatalog.IncidentFacts), jsonPaths);
        if (places.Count > 0)
        {
            // A place refused by the vocabulary is reported once, with its suggestion, not again by the schema's pattern.
            var at = places.Select(d => d.Location).ToHashSet();
            errors = places.Concat(errors.Where(e => !at.Contains(e.Location)))
                .OrderBy(d => d.Location?.Line ?? 0).ThenBy(d => d.Location?.Column ?? 0).ThenBy(d => d.Message, StringComparer.Ordinal).ToList();
        }
        if (errors.Count > 0) throw new VerdictException(errors);
        var binder = new Binder(jsonPaths);
        var facts = binder.Bind(map);
        if (binder.Errors.Count > 0) throw new VerdictException(binder.Errors);
        return facts;
    }

    /// <summary>Parses an ISO-8601 instant with an offset, normalizing it to UTC; false outside the supported range.</summary>
    public static bool TryParseInstant(string text, out Instant instant) => ParseInstant(text, out instant) == InstantStatus.Valid;

    internal enum InstantStatus { Valid, Malformed, OutOfRange }

    internal static InstantStatus ParseInstant(string text, out Instant instant)
    {
        instant = default;
        var r = InstantWithSeconds.Parse(text);
        if (!r.Success) r = InstantPattern.Parse(text);
        if (!r.Success) return InstantStatus.Malformed;
        // The local year is checked before converting: 9999-12-31T23:59:59-12:00 is past the end of NodaTime's calendar.
        var year = r.Value.Year;
        if (year < 1899 || year > 9001) return InstantStatus.OutOfRange;
        var i = r.Value.ToInstant();
        if (i < SupportedFrom || i >= SupportedUntil) return InstantStatus.OutOfRange;
        instant = i;
        return InstantStatus.Valid;
    }

    private static string Decode(byte[] bytes, string displayName)
    {
        try { return StrictUtf8.GetString(bytes); }
        catch (DecoderFallbackException e)
        {
            var bad = Math.Clamp(e.Index, 0, bytes.Length);
            var line = 1;
            var column = 1;
            for (var i = 0; i < bad; i++)
            {
                if (bytes[i] == (byte)'\n') { line++; column = 1; }
                else if ((bytes[i] & 0xC0) != 0x80) column++;
            }
            throw VerdictException.Single(Codes.Syntax, "the file is not valid UTF-8", new SourceLocation(displayName, line, column),
                "save the file as UTF-8");
        }
    }

    private sealed class Binder(bool jsonPaths)
    {
        public List<Diagnostic> Errors { get; } = [];
        private UInt128 _presence;

        private void Error(string code, string message, Node at, string help) =>
            Errors.Add(Diagnostic.Error(code, message, at.Location, help) with { JsonPath = jsonPaths ? JsonNodeReader.JsonPathOf(at.Path) : null });

        // Counts arrive as integers, or as numbers with no fraction (1e3): the schema allows both, so both bind.
        private static bool TryCount(ScalarNode s, out long value)
        {
            if (long.TryParse(s.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out value)) return value is >= 0 and <= MaxCount;
            if (decimal.TryParse(s.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && d == decimal.Truncate(d) && d is >= 0 and <= MaxCount)
            {
                value = (long)d;
                return true;
            }
            value = 0;
            return false;
        }

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
            if (m?.GetValue(key) is not ScalarNode s) return 0;
            if (TryCount(s, out var v))
            {
                Mark(path);
                return v;
            }
            Error(Codes.BadValue, $"`{s.Value}` is not a count for `{s.Path}`", s, $"write a whole number from 0 to {MaxCount}");
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
            if (!Checked(s, out var i)) return default;
            Mark(path);
            return i;
        }

        private bool Checked(ScalarNode s, out Instant instant)
        {
            switch (ParseInstant(s.Value, out instant))
            {
                case InstantStatus.Valid:
                    return true;
                case InstantStatus.OutOfRange:
                    Error(Codes.BadValue, $"`{s.Value}` is outside the supported range for `{s.Path}`", s,
                        "instants must fall between 1900-01-01T00:00:00Z and 8999-12-31T23:59:59Z");
                    return false;
                default:
                    Error(Codes.BadFormat, $"`{s.Value}` is not a valid instant for `{s.Path}`", s,
                        "write an ISO-8601 instant with an offset, e.g. 2026-11-20T16:30:00Z");
                    return false;
            }
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
                switch (RestoredDuration.Parse(r.Value, out restored))
                {
                    case RestoredDuration.Status.Valid:
                        Mark("breach.restoredWithin");
                        break;
                    case RestoredDuration.Status.TooLong:
                        Error(Codes.BadValue, $"`{r.Value}` is longer than the supported 36500 days for `breach.restoredWithin`", r,
                            "write the time until service was restored, at most P36500D");
                        break;
                    default:
                        Error(Codes.BadFormat, $"`{r.Value}` is not a valid duration for `breach.restoredWithin`", r,
                            "write an ISO-8601 duration of days, hours, minutes and seconds such as PT36H or P2DT4H");
                        break;
                }
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
                Recipient = Str(m, "recipient", "breach.recipient"),
                Recovery = Str(m, "recovery", "breach.recovery"),
                Intentional = Bool(m, "intentional", "breach.intentional"),
                Medium = Str(m, "medium", "breach.medium"),
                UnintendedRecipients = Long(m, "unintendedRecipients", "breach.unintendedRecipients"),
                BackupAvailable = Bool(m, "backupAvailable", "breach.backupAvailable"),
                AccountsAccessed = Long(m, "accountsAccessed", "breach.accountsAccessed"),
            };
        }

        private DataFacts Data(MapNode? m)
        {
            var subjects = new SortedDictionary<string, long>(StringComparer.Ordinal);
            long total = 0;
            if (m?.GetValue("subjects") is MapNode sm)
            {
                Mark("data.subjects");
                foreach (var (k, v) in sm.Entries)
                {
                    if (v is not ScalarNode s || s.IsNull) continue;
                    if (!TryCount(s, out var n))
                    {
                        Error(Codes.BadValue, $"`{s.Value}` is not a count for `{s.Path}`", s, $"write a whole number from 0 to {MaxCount}");
                        continue;
                    }
                    if (n == 0) continue;
                    subjects[k.Value] = n;
                    // Checked: a sum that wrapped would turn millions of people into a negative number.
                    try { total = checked(total + n); }
                    catch (OverflowException)
                    {
                        Error(Codes.BadValue, "the counts of `data.subjects` add up to more people than exist", sm,
                            $"each count is at most {MaxCount}; check the numbers");
                        break;
                    }
                }
            }
            return new DataFacts
            {
                Records = Long(m, "records", "data.records"),
                RecordsEstimated = Bool(m, "recordsEstimated", "data.recordsEstimated"),
                Categories = Set(m, "categories", "data.categories"),
                Subjects = subjects,
                SubjectsTotal = total,
                SubjectTypes = Set(m, "subjectTypes", "data.subjectTypes"),
                Encryption = Str(m, "encryption", "data.encryption"),
                RecordsBound = Str(m, "recordsBound", "data.recordsBound"),
                Identifiability = Str(m, "identifiability", "data.identifiability"),
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
                long recordCount = 0;
                if (records is not null && !TryCount(records, out recordCount))
                    Error(Codes.BadValue, $"`{records.Value}` is not a count for `{records.Path}`", records, $"write a whole number from 0 to {MaxCount}");
                list.Add(new AccessFact
                {
                    Actor = item.GetString("actor") ?? "",
                    Purpose = item.GetString("purpose") ?? "",
                    Object = item.GetString("object") ?? "",
                    Fields = Set(item, "fields", null),
                    Categories = Set(item, "categories", null),
                    Records = recordCount,
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
                if (at is not null) Checked(at, out submitted);
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
