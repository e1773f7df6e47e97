namespace Verdict.Tests.Regimes;

/// <summary>
/// Cal. Civ. Code § 1798.82 as amended by SB 446 from 1 Jan 2026 (reference §4.1; calendar days ending 23:59:59 Pacific
/// time, no roll-forward, §8.3): residents within 30 days; the Attorney General within 15 days of the resident notice
/// when more than 500 residents are notified.
/// </summary>
public class CaliforniaTests
{
    private static RegimeCase Breach(string aware = "2026-11-20T16:30:00Z", string subjects = "US-CA: 1000", string notices = "") =>
        new() { AwareAt = aware, Subjects = subjects, Notices = notices, Categories = "government-id" };

    [Theory]
    // § 1798.82 (SB 446): within 30 calendar days of discovery; day 30 (19 Nov 2026) is after the end of daylight time: 23:59:59 PST.
    [InlineData("2026-10-20T18:00:00Z", "2026-11-20T07:59:59Z")]
    // Day 30 is Saturday 14 Feb 2026: no weekend roll-forward in the breach statute.
    [InlineData("2026-01-15T20:00:00Z", "2026-02-15T07:59:59Z")]
    // Day 30 from 30 Jan 2028 is leap day 29 Feb 2028.
    [InlineData("2028-01-30T20:00:00Z", "2028-03-01T07:59:59Z")]
    // 23:30 in Los Angeles on 20 Nov is 21 Nov in UTC; the days count from the California date.
    [InlineData("2026-11-20T23:30:00-08:00", "2026-12-21T07:59:59Z")]
    public void Residents_within_30_days(string aware, string due) =>
        Breach(aware).Expect("us-ca-residents", "required", due);

    [Theory]
    // § 1798.82 (SB 446): the AG sample copy within 15 calendar days of notifying the residents (the actual notice).
    [InlineData("us-ca-residents=2026-11-10T17:00:00Z", "2026-11-26T07:59:59Z")]
    // ... across the end of daylight time: 25 Oct + 15 = 9 Nov, 23:59:59 PST.
    [InlineData("us-ca-residents=2026-10-25T20:00:00Z", "2026-11-10T07:59:59Z")]
    public void Attorney_general_within_15_days_of_the_resident_notice(string notices, string due) =>
        Breach(aware: "2026-10-20T18:00:00Z", notices: notices).Expect("us-ca-ag", "required", due);

    [Fact]
    public void Attorney_general_waits_for_the_resident_notice() =>
        Breach().Expect("us-ca-ag", "indeterminate", missing: "notices.us-ca-residents");

    [Theory]
    // § 1798.82: "more than 500 California residents" notified as a result of a single breach.
    [InlineData("US-CA: 499", "absent")]
    [InlineData("US-CA: 500", "absent")]
    [InlineData("US-CA: 501", "required")]
    public void Attorney_general_threshold_is_more_than_500(string subjects, string status)
    {
        var c = Breach(subjects: subjects, notices: "us-ca-residents=2026-11-10T17:00:00Z");
        if (status == "required") c.Expect("us-ca-ag", status, "2026-11-26T07:59:59Z");
        else c.Expect("us-ca-ag", status);
    }

    [Theory]
    // Before SB 446 (until 31 Dec 2025): "most expedient time possible and without unreasonable delay" — no numeric ceiling.
    [InlineData("2025-12-31T18:00:00Z", null)]
    // From 1 Jan 2026: 30 days → 31 Jan 2026, 23:59:59 PST.
    [InlineData("2026-01-01T18:00:00Z", "2026-02-01T07:59:59Z")]
    // 20:00 on 31 Dec 2025 in California is still 2025 there, though 1 Jan 2026 in UTC: the old law governs.
    [InlineData("2025-12-31T20:00:00-08:00", null)]
    public void SB_446_applies_from_1_January_2026(string aware, string? due) =>
        Breach(aware).Expect("us-ca-residents", "required", due);

    // Before SB 446, § 1798.82(f): the AG copy goes with the resident notice, with no fixed period. Until the residents
    // are notified the duty's clock has not started, so it is indeterminate on that notice, as every chained stage is.
    [Fact]
    public void Attorney_general_before_SB_446_waits_for_the_resident_notice() =>
        Breach("2025-12-31T18:00:00Z").Expect("us-ca-ag", "indeterminate", missing: "notices.us-ca-residents");

    [Fact]
    public void Attorney_general_before_SB_446_has_no_fixed_period() =>
        Breach("2025-12-31T18:00:00Z", notices: "us-ca-residents=2026-01-10T18:00:00Z").Expect("us-ca-ag", "required", null);

    [Theory]
    // § 1798.82(a): unencrypted PI, or encrypted PI whose key or credential was also acquired.
    [InlineData("encrypted", "exempt")]
    [InlineData("encrypted-key-compromised", "required")]
    public void Encryption_safe_harbor(string encryption, string status)
    {
        var c = Breach() with { Encryption = encryption };
        if (status == "required") c.Expect("us-ca-residents", status, "2026-12-21T07:59:59Z");
        else c.Expect("us-ca-residents", status);
    }

    [Fact]
    public void Hipaa_entities_are_deemed_compliant() =>
        // § 1798.82: a covered entity complying with HITECH is deemed to comply.
        (Breach() with { RegulatedAs = "covered-entity" }).Expect("us-ca-residents", "exempt");

    [Theory]
    // § 1798.82(a): "acquired, or reasonably believed to have been acquired" — ruled out means no breach.
    [InlineData("ruled-out", "absent")]
    [InlineData("unknown", "required")]
    public void Acquisition_is_the_trigger(string exfiltration, string status)
    {
        var c = Breach() with { Exfiltration = exfiltration };
        if (status == "required") c.Expect("us-ca-residents", status, "2026-12-21T07:59:59Z");
        else c.Expect("us-ca-residents", status);
    }

    [Theory]
    // § 1798.82(b): a business that maintains data it does not own notifies the owner immediately.
    [InlineData("processor", "us-ca-maintainer-to-owner", "required")]
    [InlineData("processor", "us-ca-residents", "absent")]
    [InlineData("controller", "us-ca-maintainer-to-owner", "absent")]
    public void Maintainer_notifies_the_owner(string role, string id, string status)
    {
        var c = Breach() with { Role = role };
        if (id == "us-ca-residents" || status != "required") c.Expect(id, status);
        else c.Expect(id, status, null);
    }

    [Theory]
    // § 1798.82(h): personal information needs a listed element (name alone / contact data is not enough).
    [InlineData("contact", "US-CA: 1000", "absent")]
    // Only California residents bring the statute into play.
    [InlineData("government-id", "US-NV: 1000", "absent")]
    public void Scope(string categories, string subjects, string status) =>
        (Breach(subjects: subjects) with { Categories = categories }).Expect("us-ca-residents", status);
}
