namespace Verdict.Tests.Regimes;

/// <summary>
/// HIPAA Breach Notification Rule, 45 CFR 164.400-414 (reference §3.1; calendar days, no roll-forward, §8.3). The clock
/// is discovery (timeline.detectedAt); the policy counts in America/New_York.
/// </summary>
public class HipaaTests
{
    private static RegimeCase CoveredEntity(string detected = "2026-09-02T14:00:00Z", string subjects = "US-CA: 100") =>
        new() { AwareAt = detected, DetectedAt = detected, RegulatedAs = "covered-entity", Categories = "health", Subjects = subjects, SubjectTypes = "patients" };

    [Theory]
    // §164.404(b): no later than 60 calendar days after discovery; day 60 is Sunday 1 Nov 2026, the day summer time ends: 23:59:59 EST.
    [InlineData("2026-09-02T14:00:00Z", "2026-11-02T04:59:59Z")]
    // §164.404(b): 60 days from 31 Dec 2027 is leap day 29 Feb 2028 (weekends and holidays count, no roll-forward).
    [InlineData("2027-12-31T15:00:00Z", "2028-03-01T04:59:59Z")]
    // §164.404(b): across the start of daylight time (14 Mar 2027): day 60 ends 23:59:59 EDT.
    [InlineData("2027-01-15T15:00:00Z", "2027-03-17T03:59:59Z")]
    public void Individuals_within_60_days_of_discovery(string detected, string due) =>
        CoveredEntity(detected).Expect("hipaa-individuals", "required", due);

    [Fact]
    public void The_clock_is_discovery_not_a_later_awareness() =>
        // §164.404(a)(2): a breach is treated as discovered on the first day it is known to any workforce member.
        (CoveredEntity("2026-09-02T14:00:00Z") with { AwareAt = "2026-09-20T14:00:00Z" }).Expect("hipaa-individuals", "required", "2026-11-02T04:59:59Z");

    [Fact]
    public void Missing_discovery_is_indeterminate() =>
        (CoveredEntity() with { DetectedAt = null }).Expect("hipaa-individuals", "indeterminate", missing: "timeline.detectedAt");

    [Theory]
    // §164.408(b): 500 or more individuals → HHS contemporaneously (within the same 60 days).
    [InlineData("US-CA: 499", "hipaa-hhs-500", "absent")]
    [InlineData("US-CA: 500", "hipaa-hhs-500", "required")]
    [InlineData("US-CA: 501", "hipaa-hhs-500", "required")]
    [InlineData("US-CA: 250, US-NV: 250", "hipaa-hhs-500", "required")]
    // §164.408(c): fewer than 500 → the annual log instead.
    [InlineData("US-CA: 499", "hipaa-hhs-annual", "required")]
    [InlineData("US-CA: 500", "hipaa-hhs-annual", "absent")]
    // §164.406(a): more than 500 residents of a State → prominent media outlets.
    [InlineData("US-CA: 499", "hipaa-media", "absent")]
    [InlineData("US-CA: 500", "hipaa-media", "absent")]
    [InlineData("US-CA: 501", "hipaa-media", "required")]
    // §164.406: counted per State — 300 + 300 in two States is not more than 500 residents of either.
    [InlineData("US-CA: 300, US-NV: 300", "hipaa-media", "absent")]
    public void Thresholds(string subjects, string id, string status)
    {
        var c = CoveredEntity(subjects: subjects);
        if (status != "required") c.Expect(id, status);
        else if (id == "hipaa-hhs-annual") c.Expect(id, status, "2027-03-02T04:59:59Z");
        else c.Expect(id, status, "2026-11-02T04:59:59Z");
    }

    [Theory]
    // §164.408(c): within 60 days after the end of the calendar year — 1 Mar 2027 (2027 is not a leap year).
    [InlineData("2026-06-15T15:00:00Z", "2027-03-02T04:59:59Z")]
    // ... and 29 Feb 2028 for breaches discovered in 2027.
    [InlineData("2027-06-15T15:00:00Z", "2028-03-01T04:59:59Z")]
    // Discovered on leap day 2028: 60 days after 31 Dec 2028 is 1 Mar 2029 (2029 is not a leap year).
    [InlineData("2028-02-29T15:00:00Z", "2029-03-02T04:59:59Z")]
    // A breach discovered at 20:00 New York time on 31 Dec 2027 was discovered in 2027 (it is already 2028 in UTC).
    [InlineData("2027-12-31T20:00:00-05:00", "2028-03-01T04:59:59Z")]
    public void Annual_log_for_fewer_than_500(string discovered, string due) =>
        CoveredEntity(discovered, "US-TX: 20").Expect("hipaa-hhs-annual", "required", due);

    [Fact]
    public void Annual_log_year_is_the_year_of_discovery() =>
        // §164.408(c): breaches "discovered during the preceding calendar year".
        (CoveredEntity("2027-12-20T15:00:00Z", "US-TX: 20") with { AwareAt = "2028-01-05T15:00:00Z" })
            .Expect("hipaa-hhs-annual", "required", "2028-03-01T04:59:59Z");

    [Theory]
    // §164.402 "unsecured PHI": encrypted per HHS guidance (key intact) is secured → outside the rule.
    [InlineData("hipaa-individuals", "encrypted", null, "exempt")]
    [InlineData("hipaa-hhs-500", "encrypted", null, "exempt")]
    // §164.402(2): a documented risk assessment shows a low probability that the PHI was compromised.
    [InlineData("hipaa-individuals", "none", "unlikely", "exempt")]
    [InlineData("hipaa-media", "none", "unlikely", "exempt")]
    // An encryption key that was compromised leaves the PHI unsecured.
    [InlineData("hipaa-individuals", "encrypted-key-compromised", "risk", "required")]
    public void Exemptions(string id, string encryption, string? risk, string status)
    {
        var c = CoveredEntity(subjects: "US-CA: 600") with { Encryption = encryption, RiskToRights = risk };
        if (status == "required") c.Expect(id, status, "2026-11-02T04:59:59Z");
        else c.Expect(id, status);
    }

    [Theory]
    // §164.410: a business associate notifies the covered entity within 60 days of discovery.
    [InlineData("business-associate", "hipaa-ba-to-ce", "required")]
    [InlineData("business-associate", "hipaa-individuals", "absent")]
    [InlineData("covered-entity", "hipaa-ba-to-ce", "absent")]
    // §164.400: the rule binds covered entities and business associates only.
    [InlineData("", "hipaa-individuals", "absent")]
    public void Who_is_obliged(string regulatedAs, string id, string status)
    {
        var c = CoveredEntity() with { RegulatedAs = regulatedAs };
        if (status == "required") c.Expect(id, status, "2026-11-02T04:59:59Z");
        else c.Expect(id, status);
    }

    [Theory]
    // §160.103 PHI: health information, or any data about patients, held by a covered entity.
    [InlineData("contact", "patients", "required")]
    [InlineData("financial", "customers", "absent")]
    public void Only_protected_health_information(string categories, string subjectTypes, string status)
    {
        var c = CoveredEntity() with { Categories = categories, SubjectTypes = subjectTypes };
        if (status == "required") c.Expect("hipaa-individuals", status, "2026-11-02T04:59:59Z");
        else c.Expect("hipaa-individuals", status);
    }
}
