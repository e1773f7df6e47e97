using System.Text;
using System.Text.Json;
using NodaTime;
using NodaTime.Text;
using Verdict.Facts;
using Verdict.Syntax;

namespace Verdict.Rendering;

/// <summary>Canonical JSON of normalized facts: keys sorted, only the facts the incident gave, instants in UTC.</summary>
public static class FactsJson
{
    /// <summary>Formats an instant as ISO-8601 UTC with seconds: <c>2026-11-23T16:30:00Z</c>.</summary>
    public static string Format(Instant i) => InstantText.Format(i);

    /// <summary>The canonical text.</summary>
    public static string Canonical(IncidentFacts f)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = CanonicalJson.Encoder }))
        {
            w.WriteStartObject();
            if (f.Has("access"))
            {
                w.WriteStartArray("access");
                foreach (var a in f.Access)
                {
                    w.WriteStartObject();
                    w.WriteString("actor", a.Actor);
                    if (a.Categories.Count > 0) Strings(w, "categories", a.Categories);
                    if (a.External) w.WriteBoolean("external", true);
                    if (a.Fields.Count > 0) Strings(w, "fields", a.Fields);
                    w.WriteString("object", a.Object);
                    w.WriteString("purpose", a.Purpose);
                    if (a.HasRecords) w.WriteNumber("records", a.Records);
                    w.WriteEndObject();
                }
                w.WriteEndArray();
            }
            Section(w, f, "ai", () =>
            {
                Bool(w, f, "ai.involved", f.Ai.Involved);
                Section(w, f, "ai.seriousIncident", () =>
                {
                    var s = f.Ai.SeriousIncident;
                    Bool(w, f, "ai.seriousIncident.criticalInfrastructureDisruption", s.CriticalInfrastructureDisruption);
                    Bool(w, f, "ai.seriousIncident.death", s.Death);
                    Bool(w, f, "ai.seriousIncident.fundamentalRightsInfringement", s.FundamentalRightsInfringement);
                    Bool(w, f, "ai.seriousIncident.healthHarm", s.HealthHarm);
                    Bool(w, f, "ai.seriousIncident.propertyOrEnvironmentHarm", s.PropertyOrEnvironmentHarm);
                    Bool(w, f, "ai.seriousIncident.widespread", s.Widespread);
                });
                if (f.Has("ai.systems"))
                {
                    w.WriteStartArray("systems");
                    foreach (var s in f.Ai.Systems)
                    {
                        w.WriteStartObject();
                        Opt(w, "autonomy", s.Autonomy);
                        Opt(w, "declaredPurpose", s.DeclaredPurpose);
                        w.WriteString("id", s.Id);
                        Opt(w, "modelVersion", s.ModelVersion);
                        Opt(w, "riskClass", s.RiskClass);
                        Opt(w, "role", s.Role);
                        w.WriteEndObject();
                    }
                    w.WriteEndArray();
                }
            });
            Section(w, f, "assessment", () =>
            {
                List(w, f, "assessment.consequences", f.Assessment.Consequences);
                Bool(w, f, "assessment.lawEnforcementDelay", f.Assessment.LawEnforcementDelay);
                Bool(w, f, "assessment.material", f.Assessment.Material);
                Str(w, f, "assessment.riskToRights", f.Assessment.RiskToRights);
            });
            Section(w, f, "breach", () =>
            {
                var b = f.Breach;
                if (f.Has("breach.accountsAccessed")) w.WriteNumber("accountsAccessed", b.AccountsAccessed);
                Bool(w, f, "breach.backupAvailable", b.BackupAvailable);
                Str(w, f, "breach.cause", b.Cause);
                Str(w, f, "breach.dataHolder", b.DataHolder);
                Bool(w, f, "breach.dataRecovered", b.DataRecovered);
                Str(w, f, "breach.exfiltration", b.Exfiltration);
                Bool(w, f, "breach.intentional", b.Intentional);
                Str(w, f, "breach.medium", b.Medium);
                Bool(w, f, "breach.misuseObserved", b.MisuseObserved);
                Str(w, f, "breach.recipient", b.Recipient);
                Str(w, f, "breach.recovery", b.Recovery);
                if (f.Has("breach.restoredWithin")) w.WriteString("restoredWithin", Duration.FromSeconds(b.RestoredWithinSeconds).ToString("o", System.Globalization.CultureInfo.InvariantCulture));
                List(w, f, "breach.types", b.Types);
                if (f.Has("breach.unintendedRecipients")) w.WriteNumber("unintendedRecipients", b.UnintendedRecipients);
            });
            Section(w, f, "data", () =>
            {
                var d = f.Data;
                List(w, f, "data.categories", d.Categories);
                Str(w, f, "data.encryption", d.Encryption);
                Str(w, f, "data.identifiability", d.Identifiability);
                if (f.Has("data.records")) w.WriteNumber("records", d.Records);
                Str(w, f, "data.recordsBound", d.RecordsBound);
                Bool(w, f, "data.recordsEstimated", d.RecordsEstimated);
                List(w, f, "data.subjectTypes", d.SubjectTypes);
                if (f.Has("data.subjects"))
                {
                    w.WriteStartObject("subjects");
                    foreach (var (k, v) in d.SubjectArray) w.WriteNumber(k, v);
                    w.WriteEndObject();
                }
            });
            w.WriteString("id", f.Id);
            if (f.Has("notices"))
            {
                w.WriteStartArray("notices");
                foreach (var n in f.Notices)
                {
                    w.WriteStartObject();
                    w.WriteString("obligation", n.Obligation);
                    Opt(w, "stage", n.Stage);
                    w.WriteString("submittedAt", Format(n.SubmittedAt));
                    w.WriteEndObject();
                }
                w.WriteEndArray();
            }
            Section(w, f, "organization", () =>
            {
                var o = f.Organization;
                List(w, f, "organization.establishments", o.Establishments);
                List(w, f, "organization.regulatedAs", o.RegulatedAs);
                Str(w, f, "organization.role", o.Role);
                Str(w, f, "organization.sector", o.Sector);
                Bool(w, f, "organization.smallAgent", o.SmallAgent);
            });
            Section(w, f, "source", () =>
            {
                var s = f.Source;
                Str(w, f, "source.connectedApp", s.ConnectedApp);
                List(w, f, "source.credentials", s.Credentials);
                Str(w, f, "source.integration", s.Integration);
                Str(w, f, "source.surface", s.Surface);
                Str(w, f, "source.system", s.System);
                Str(w, f, "source.vector", s.Vector);
            });
            w.WriteStartObject("timeline");
            foreach (var field in new[] { "assessedAt", "awareAt", "classifiedMajorAt", "containedAt", "detectedAt", "materialityDeterminedAt", "occurredAt" })
                if (f.Clock(field) is { } at) w.WriteString(field, Format(at));
            w.WriteEndObject();
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static string Leaf(string path) => path[(path.LastIndexOf('.') + 1)..];

    private static void Section(Utf8JsonWriter w, IncidentFacts f, string path, Action body)
    {
        if (!f.Has(path)) return;
        w.WriteStartObject(Leaf(path));
        body();
        w.WriteEndObject();
    }

    private static void Str(Utf8JsonWriter w, IncidentFacts f, string path, string v)
    {
        if (f.Has(path)) w.WriteString(Leaf(path), v);
    }

    private static void Bool(Utf8JsonWriter w, IncidentFacts f, string path, bool v)
    {
        if (f.Has(path)) w.WriteBoolean(Leaf(path), v);
    }

    private static void List(Utf8JsonWriter w, IncidentFacts f, string path, IReadOnlyList<string> v)
    {
        if (f.Has(path)) Strings(w, Leaf(path), v);
    }

    private static void Strings(Utf8JsonWriter w, string name, IReadOnlyList<string> v)
    {
        w.WriteStartArray(name);
        foreach (var s in v) w.WriteStringValue(s);
        w.WriteEndArray();
    }

    private static void Opt(Utf8JsonWriter w, string name, string v)
    {
        if (v.Length > 0) w.WriteString(name, v);
    }
}
