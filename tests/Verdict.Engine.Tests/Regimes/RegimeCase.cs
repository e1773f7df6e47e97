using System.Globalization;
using System.Text;
using NodaTime;
using Verdict.Compilation;
using Verdict.Decisions;
using Verdict.Facts;
using Verdict.Rendering;

namespace Verdict.Tests.Regimes;

/// <summary>
/// One incident for a regime table: a complete set of facts built from a few parameters, decided by the shipped
/// bundle (loaded once for the whole suite). The defaults describe a controller with no regulated status, a
/// misconfiguration that exposed financial data of 1,000 people in Germany, risk assessed as <c>risk</c>; a test
/// changes only what its row is about. A property set to null leaves that fact out (to test indeterminate duties).
/// Lists are comma-separated: <c>Subjects = "US-TX: 250, DE: 10"</c>, <c>Notices = "dora-initial=2026-11-20T19:00:00Z"</c>.
/// </summary>
public sealed record RegimeCase
{
    private static readonly Lazy<PolicyBundle> Shipped = new(() => PolicyBundle.Load(Repo.Policies));

    /// <summary>The shipped bundle, loaded and compiled once.</summary>
    public static PolicyBundle Bundle => Shipped.Value;

    public string AwareAt { get; init; } = "2026-11-20T16:30:00Z";
    public string? DetectedAt { get; init; }
    public string? AssessedAt { get; init; }
    public string? ClassifiedMajorAt { get; init; }
    public string? MaterialityDeterminedAt { get; init; }

    public string? Role { get; init; } = "controller";
    public string Sector { get; init; } = "other";
    public string RegulatedAs { get; init; } = "";
    public string? Establishments { get; init; } = "";
    public bool? SmallAgent { get; init; }

    public string Categories { get; init; } = "financial";
    public string? Subjects { get; init; } = "DE: 1000";
    public int Records { get; init; } = 1000;
    public string SubjectTypes { get; init; } = "customers";
    public string Encryption { get; init; } = "none";

    public string Cause { get; init; } = "misconfiguration";
    public string Exfiltration { get; init; } = "confirmed";
    public string DataHolder { get; init; } = "unknown-party";
    public bool DataRecovered { get; init; }
    public bool MisuseObserved { get; init; }

    public string? RiskToRights { get; init; } = "risk";
    public bool? Material { get; init; } = false;
    public string Consequences { get; init; } = "";

    /// <summary>An AI system as <c>"provider high"</c> (role and risk class); null: no AI involved.</summary>
    public string? Ai { get; init; }
    /// <summary>The Art 3(49) limbs that are true (death, healthHarm, criticalInfrastructureDisruption,
    /// fundamentalRightsInfringement, propertyOrEnvironmentHarm, widespread); null leaves the section out.</summary>
    public string? Serious { get; init; } = "";

    public string Notices { get; init; } = "";

    /// <summary>The facts as YAML, in the incident-facts contract.</summary>
    public string ToYaml()
    {
        var y = new StringBuilder();
        y.AppendLine("id: REGIME-CASE");
        y.AppendLine("timeline:");
        y.AppendLine($"  awareAt: {AwareAt}");
        Opt(y, "  detectedAt", DetectedAt);
        Opt(y, "  assessedAt", AssessedAt);
        Opt(y, "  classifiedMajorAt", ClassifiedMajorAt);
        Opt(y, "  materialityDeterminedAt", MaterialityDeterminedAt);
        y.AppendLine("organization:");
        Opt(y, "  role", Role);
        y.AppendLine($"  sector: {Sector}");
        y.AppendLine($"  regulatedAs: {List(RegulatedAs)}");
        if (Establishments is not null) y.AppendLine($"  establishments: {List(Establishments)}");
        if (SmallAgent is { } small) y.AppendLine($"  smallAgent: {Bool(small)}");
        if (Ai is null) y.AppendLine("ai: { involved: false }");
        else
        {
            var parts = Ai.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            y.AppendLine("ai:");
            y.AppendLine("  involved: true");
            y.AppendLine($"  systems: [{{ id: agent-1, role: {parts[0]}, riskClass: {parts[1]}, autonomy: assistive }}]");
            if (Serious is not null)
            {
                var on = Split(Serious).ToHashSet(StringComparer.Ordinal);
                y.AppendLine("  seriousIncident:");
                foreach (var limb in new[] { "death", "healthHarm", "criticalInfrastructureDisruption", "fundamentalRightsInfringement", "propertyOrEnvironmentHarm", "widespread" })
                    y.AppendLine($"    {limb}: {Bool(on.Contains(limb))}");
            }
        }
        y.AppendLine("breach:");
        y.AppendLine("  types: [confidentiality]");
        y.AppendLine($"  cause: {Cause}");
        y.AppendLine($"  exfiltration: {Exfiltration}");
        y.AppendLine($"  dataHolder: {DataHolder}");
        y.AppendLine($"  dataRecovered: {Bool(DataRecovered)}");
        y.AppendLine($"  misuseObserved: {Bool(MisuseObserved)}");
        y.AppendLine("data:");
        y.AppendLine($"  records: {Records.ToString(CultureInfo.InvariantCulture)}");
        y.AppendLine($"  categories: {List(Categories)}");
        if (Subjects is not null) y.AppendLine($"  subjects: {{ {Subjects} }}");
        y.AppendLine($"  subjectTypes: {List(SubjectTypes)}");
        y.AppendLine($"  encryption: {Encryption}");
        var notices = Split(Notices).ToList();
        if (notices.Count > 0)
        {
            y.AppendLine("notices:");
            foreach (var n in notices)
            {
                var eq = n.IndexOf('=');
                y.AppendLine($"  - {{ obligation: {n[..eq]}, submittedAt: {n[(eq + 1)..]} }}");
            }
        }
        y.AppendLine("assessment:");
        Opt(y, "  riskToRights", RiskToRights);
        if (Material is { } m) y.AppendLine($"  material: {Bool(m)}");
        y.AppendLine($"  consequences: {List(Consequences)}");
        y.AppendLine("  lawEnforcementDelay: false");
        return y.ToString();
    }

    /// <summary>The decision of the shipped bundle for these facts.</summary>
    public Decision Decide() => Bundle.Decide(FactsLoader.LoadText(ToYaml(), "regime-case.yaml"));

    /// <summary>The rows (one per stage) of obligation <paramref name="id"/>; empty when the duty does not arise.</summary>
    public IReadOnlyList<ObligationResult> Rows(string id) => Decide().Obligations.Where(o => o.Id == id).ToList();

    /// <summary>
    /// Asserts one stage of a duty: <paramref name="status"/> is required, exempt, indeterminate, or <c>absent</c> (no
    /// row at all); <paramref name="due"/> and <paramref name="legal"/> are ISO-8601 UTC instants or null;
    /// <paramref name="missing"/>, when given, must be among the missing facts.
    /// </summary>
    public void Expect(string id, string status, string? due = null, string? legal = null, string? stage = null, string? missing = null)
    {
        var rows = Rows(id);
        if (status == "absent")
        {
            Assert.True(rows.Count == 0, $"{id} should not arise, got {Show(rows)}\n{ToYaml()}");
            return;
        }
        var row = stage is null ? Assert.Single(rows) : rows.SingleOrDefault(r => r.Stage == stage);
        Assert.True(row is not null, $"{id} stage {stage} missing: {Show(rows)}\n{ToYaml()}");
        Assert.True(status == row.Status, $"{id}: status {row.Status}, expected {status} ({row.Exemption}; missing [{string.Join(", ", row.MissingFacts)}])\n{ToYaml()}");
        if (status == "required")
        {
            Assert.Equal(due, Format(row.DueAt));
            Assert.Equal(legal, Format(row.LegalDueAt));
        }
        if (status == "exempt") Assert.False(string.IsNullOrEmpty(row.Exemption), $"{id}: an exempt duty keeps its reason");
        if (missing is not null) Assert.Contains(missing, row.MissingFacts);
    }

    private static string? Format(Instant? i) => i is { } v ? FactsJson.Format(v) : null;

    private static string Show(IEnumerable<ObligationResult> rows) =>
        "[" + string.Join("; ", rows.Select(r => $"{r.Stage} {r.Status} due={Format(r.DueAt)} legal={Format(r.LegalDueAt)}")) + "]";

    private static IEnumerable<string> Split(string list) =>
        list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static string List(string list) => "[" + string.Join(", ", Split(list)) + "]";

    private static string Bool(bool b) => b ? "true" : "false";

    private static void Opt(StringBuilder y, string key, string? value)
    {
        if (value is not null) y.AppendLine($"{key}: {value}");
    }
}
