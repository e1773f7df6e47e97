using FsCheck;
using FsCheck.Fluent;
using Verdict.Compilation;
using Verdict.Decisions;
using Verdict.Facts;
using Verdict.Model;

namespace Verdict.Tests.Risk;

/// <summary>
/// The shipped severity matrix and the shipped risk assessment agree: over random incidents (without the
/// controller's assessment, so the derived risk decides), a higher risk never comes with a lower severity, and the
/// derived risk itself only grows with more records or more sensitive data.
/// </summary>
public class SeverityAgreesWithRiskProperties
{
    private static readonly Lazy<PolicyBundle> Bundle = new(() => PolicyBundle.Load(Repo.Policies));

    private static readonly string[] Categories =
        ["contact", "identity", "financial", "payment-card", "credentials", "government-id", "special", "health", "children", "location",
         "behavioral", "synthetic", "salary", "telecom-billing", "purchase-history", "confidential-address", "criminal"];
    private static readonly string[] Types = ["confidentiality", "integrity", "availability"];
    private static readonly string[] Recipients = ["internal", "professional-secrecy", "trusted-third-party", "known", "unknown", "malicious"];
    private static readonly string[] Recoveries = ["deleted-confirmed", "recalled", "returned", "reversed", "none"];
    private static readonly string[] Causes = ["intrusion", "ransomware", "misdelivery", "device-theft", "insider-misuse", "misconfiguration", "credential-stuffing"];
    private static readonly string[] Encryptions = ["none", "encrypted", "encrypted-key-compromised", "hashed"];
    private static readonly string[] Holders = ["unknown-party", "known-untrusted", "known-trusted", "public"];
    private static readonly string[] SubjectTypes = ["customers", "employees", "patients", "minors", "vulnerable"];
    private static readonly string[] Restored = ["PT30M", "PT5H", "P2D", "P10D"];

    /// <summary>One random incident; an empty choice leaves the fact out.</summary>
    public sealed record Incident(string[] Types, string[] Categories, int Records, string Recipient, string Recovery, string Cause,
        string Encryption, string Holder, string[] SubjectTypes, string Restored, bool Backup, bool Misuse)
    {
        public string Yaml(int? records = null, IEnumerable<string>? categories = null)
        {
            var b = new List<string> { $"types: [{string.Join(", ", Types)}]", $"cause: {Cause}", $"backupAvailable: {(Backup ? "true" : "false")}", $"misuseObserved: {(Misuse ? "true" : "false")}" };
            if (Recipient.Length > 0) b.Add($"recipient: {Recipient}");
            if (Recovery.Length > 0) b.Add($"recovery: {Recovery}");
            if (Holder.Length > 0) b.Add($"dataHolder: {Holder}");
            if (Restored.Length > 0) b.Add($"restoredWithin: {Restored}");
            return "id: P\ntimeline: { awareAt: 2026-06-01T10:00:00Z }\norganization: { role: controller, sector: retail, establishments: [DE] }\n" +
                   $"breach: {{ {string.Join(", ", b)} }}\n" +
                   $"data: {{ records: {records ?? Records}, categories: [{string.Join(", ", categories ?? Categories)}], encryption: {Encryption}, " +
                   $"subjectTypes: [{string.Join(", ", SubjectTypes)}], subjects: {{ DE: {Math.Max(1, records ?? Records)} }} }}\n";
        }
    }

    private static Gen<string> OneOrNone(string[] values) => Gen.Elements(values.Append("").ToArray());

    private static readonly Gen<Incident> Incidents =
        from types in Gen.NonEmptyListOf(Gen.Elements(Types)).Select(l => l.Distinct().ToArray())
        from cats in Gen.NonEmptyListOf(Gen.Elements(Categories)).Select(l => l.Distinct().ToArray())
        from records in Gen.Choose(1, 300_000)
        from recipient in OneOrNone(Recipients)
        from recovery in OneOrNone(Recoveries)
        from cause in Gen.Elements(Causes)
        from encryption in Gen.Elements(Encryptions)
        from holder in OneOrNone(Holders)
        from subjectTypes in Gen.SubListOf(SubjectTypes).Select(l => l.ToArray())
        from restored in OneOrNone(Restored)
        from backup in Gen.Elements(true, false)
        from misuse in Gen.Elements(true, false)
        select new Incident(types, cats, records, recipient, recovery, cause, encryption, holder, subjectTypes, restored, backup, misuse);

    private static Decision Decide(string yaml) => Bundle.Value.Decide(FactsLoader.LoadText(yaml));

    private static int RiskRank(Decision d) => RiskLevels.RiskRank(d.Risk.Derived);

    [Fact]
    public void A_higher_derived_risk_never_comes_with_a_lower_severity() =>
        Prop.ForAll(Incidents.ToArbitrary(), Incidents.ToArbitrary(), (a, b) =>
        {
            var (x, y) = (Decide(a.Yaml()), Decide(b.Yaml()));
            if (RiskRank(x) < 0 || RiskRank(y) < 0 || x.Severity.Rank < 0 || y.Severity.Rank < 0) return true;
            return RiskRank(x) <= RiskRank(y) || x.Severity.Rank >= y.Severity.Rank;
        }).QuickCheckThrowOnFailure();

    [Fact]
    public void Each_derived_risk_keeps_severity_in_its_band() =>
        Prop.ForAll(Incidents.ToArbitrary(), i =>
        {
            var d = Decide(i.Yaml());
            if (d.Severity.Rank < 0) return true;
            return d.Risk.Derived switch
            {
                "unlikely" => d.Severity.Level == "low",
                "risk" => d.Severity.Level is "medium" or "high",
                "high" => d.Severity.Level is "high" or "critical",
                _ => true,
            };
        }).QuickCheckThrowOnFailure();

    [Fact]
    public void More_records_never_lower_the_derived_risk() =>
        Prop.ForAll(Incidents.ToArbitrary(), Gen.Choose(0, 300_000).ToArbitrary(), (i, more) =>
        {
            var (lo, hi) = (RiskRank(Decide(i.Yaml())), RiskRank(Decide(i.Yaml(records: i.Records + more))));
            return lo < 0 || hi < 0 || lo <= hi;
        }).QuickCheckThrowOnFailure();

    [Fact]
    public void A_further_category_never_lowers_the_derived_risk() =>
        Prop.ForAll(Incidents.ToArbitrary(), Gen.Elements(Categories.Where(c => c != "synthetic").ToArray()).ToArbitrary(), (i, extra) =>
        {
            var (lo, hi) = (RiskRank(Decide(i.Yaml())), RiskRank(Decide(i.Yaml(categories: i.Categories.Append(extra).Distinct()))));
            return lo < 0 || hi < 0 || lo <= hi;
        }).QuickCheckThrowOnFailure();

    [Fact]
    public void Every_incident_gives_a_derived_risk_or_names_the_missing_facts() =>
        Prop.ForAll(Incidents.ToArbitrary(), i =>
        {
            var r = Decide(i.Yaml()).Risk;
            return r.Derived != "indeterminate" || r.MissingFacts.Count > 0;
        }).QuickCheckThrowOnFailure();
}
