namespace Verdict.Tests.Regimes;

/// <summary>
/// South Korea PIPA Art 34 with Enforcement Decree Arts 39-40 (reference §6.6): every data subject within 72 hours; the
/// PIPC/KISA within 72 hours for 1,000 or more subjects, sensitive or unique identifiers, or external hacking.
/// </summary>
public class PipaTests
{
    private static RegimeCase Leak(string subjects = "KR: 100") =>
        new() { AwareAt = "2026-11-20T16:30:00Z", Subjects = subjects, Categories = "contact", Records = 100 };

    [Theory]
    // Art 34(1) + Decree Art 40: every leak, within 72 hours (one person, contact data, unlikely risk).
    [InlineData("KR: 1")]
    [InlineData("KR: 5000")]
    public void Data_subjects_within_72_hours(string subjects) =>
        (Leak(subjects) with { RiskToRights = "unlikely" }).Expect("pipa-subjects", "required", "2026-11-23T16:30:00Z");

    [Theory]
    // Decree Art 39: 1,000 or more data subjects.
    [InlineData("KR: 999", "", "absent")]
    [InlineData("KR: 1000", "", "required")]
    [InlineData("KR: 1001", "", "required")]
    // A controller in Korea counts every data subject.
    [InlineData("JP: 1000", "KR", "required")]
    public void Commission_from_1000(string subjects, string establishments, string status)
    {
        var c = Leak(subjects) with { Establishments = establishments };
        if (status == "required") c.Expect("pipa-pipc", status, "2026-11-23T16:30:00Z");
        else c.Expect("pipa-pipc", status);
    }

    [Theory]
    // Decree Art 39: sensitive or unique identifying information, or unauthorized external access — from one person.
    [InlineData("health", "misconfiguration")]
    [InlineData("government-id", "misconfiguration")]
    [InlineData("contact", "intrusion")]
    public void Commission_for_sensitive_data_or_hacking(string categories, string cause) =>
        (Leak("KR: 1") with { Categories = categories, Cause = cause }).Expect("pipa-pipc", "required", "2026-11-23T16:30:00Z");

    [Fact]
    public void Retrieval_that_reduces_the_risk_spares_the_report() =>
        // Decree Art 39: not needed when retrieval or deletion significantly reduced the risk.
        (Leak("KR: 2000") with { DataRecovered = true, DataHolder = "known-trusted" }).Expect("pipa-pipc", "exempt");

    [Fact]
    public void Decree_as_amended_from_15_September_2023() =>
        (Leak() with { AwareAt = "2023-09-15T03:00:00Z" }).Expect("pipa-subjects", "required", "2023-09-18T03:00:00Z");
}
