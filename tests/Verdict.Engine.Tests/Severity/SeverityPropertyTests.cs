using FsCheck;
using FsCheck.Fluent;
using Verdict.Compilation;
using Verdict.Facts;
using Verdict.Rendering;

namespace Verdict.Tests.Severity;

/// <summary>Properties of decisions under the shipped bundle.</summary>
public class SeverityPropertyTests
{
    private static readonly Lazy<PolicyBundle> Bundle = new(() => PolicyBundle.Load(Repo.Policies));

    private static readonly string[] Categories =
        ["contact", "identity", "financial", "payment-card", "credentials", "government-id", "special", "health", "genetic", "biometric", "children", "location", "behavioral", "synthetic", "deepfake"];

    private static string Facts(long records, IEnumerable<string> categories, IEnumerable<string> countries) =>
        "id: P\ntimeline:\n  awareAt: 2026-06-01T10:00:00Z\norganization:\n  role: controller\n  sector: retail\n" +
        "breach:\n  dataHolder: unknown-party\n  exfiltration: unknown\n  cause: unknown\n" +
        $"data:\n  records: {records}\n  categories: [{string.Join(", ", categories)}]\n  encryption: none\n" +
        "  subjects: {" + string.Join(", ", countries.Select(c => $"{c}: {100 + c[0] * 7 + c[^1]}")) + "}\n";

    private static int Rank(string facts) => Bundle.Value.Decide(FactsLoader.LoadText(facts)).Severity.Rank;

    private static Gen<string[]> SomeCategories => Gen.SubListOf(Categories).Select(l => l.ToArray());

    [Fact]
    public void More_records_never_lower_the_severity() =>
        Prop.ForAll(Gen.Choose(0, 2_000_000).ToArbitrary(), Gen.Choose(0, 2_000_000).ToArbitrary(), SomeCategories.ToArbitrary(), (a, b, cats) =>
        {
            var (lo, hi) = (Math.Min(a, b), Math.Max(a, b));
            return Rank(Facts(lo, cats, ["DE"])) <= Rank(Facts(hi, cats, ["DE"]));
        }).QuickCheckThrowOnFailure();

    [Fact]
    public void A_more_sensitive_category_never_lowers_the_severity() =>
        Prop.ForAll(Gen.Choose(0, 2_000_000).ToArbitrary(), SomeCategories.ToArbitrary(), Gen.Elements(Categories).ToArbitrary(), (records, cats, extra) =>
            Rank(Facts(records, cats, ["DE"])) <= Rank(Facts(records, cats.Append(extra).Distinct(), ["DE"]))).QuickCheckThrowOnFailure();

    [Fact]
    public void Permuting_arrays_in_the_facts_changes_nothing() =>
        Prop.ForAll(SomeCategories.ToArbitrary(), Gen.Shuffle(new[] { "DE", "FR", "US-CA", "BR", "GB" }).ToArbitrary(), (cats, countries) =>
        {
            var a = DecisionJson.Write(Bundle.Value.Decide(FactsLoader.LoadText(Facts(5000, cats, countries.Order()))));
            var b = DecisionJson.Write(Bundle.Value.Decide(FactsLoader.LoadText(Facts(5000, cats.Reverse(), countries))));
            return a == b;
        }).QuickCheckThrowOnFailure();

    [Fact]
    public void Same_facts_give_the_same_bytes() =>
        Prop.ForAll(Gen.Choose(0, 2_000_000).ToArbitrary(), SomeCategories.ToArbitrary(), (records, cats) =>
            DecisionJson.Write(Bundle.Value.Decide(FactsLoader.LoadText(Facts(records, cats, ["FR"])))) ==
            DecisionJson.Write(Bundle.Value.Decide(FactsLoader.LoadText(Facts(records, cats, ["FR"]))))).QuickCheckThrowOnFailure();
}
