namespace Verdict.Tests.Regimes;

/// <summary>
/// Fla. Stat. § 501.171 (reference §4.4): individuals and the Department of Legal Affairs (500 or more Floridians) within
/// 30 days; consumer reporting agencies above 1,000; a third-party agent tells the covered entity within 10 days.
/// Calendar days end 23:59:59 America/New_York (the state's earlier zone), no roll-forward.
/// </summary>
public class FloridaTests
{
    private static RegimeCase Breach(string aware = "2026-11-20T16:30:00Z", string subjects = "US-FL: 100") =>
        new() { AwareAt = aware, Subjects = subjects, Categories = "payment-card" };

    [Theory]
    // § 501.171(4)(a): no later than 30 days after the determination; day 30 (14 Nov 2026) is after the end of daylight time.
    [InlineData("us-fl-individuals", "2026-10-15T16:00:00Z", "2026-11-15T04:59:59Z")]
    // § 501.171(3)(a): the Department on the same 30-day clock.
    [InlineData("us-fl-dla", "2026-10-15T16:00:00Z", "2026-11-15T04:59:59Z")]
    public void Thirty_days_after_the_determination(string id, string aware, string due) =>
        (Breach(aware, "US-FL: 600")).Expect(id, "required", due);

    [Theory]
    // § 501.171(6)(a): third-party agent → covered entity within 10 days; 20 Feb + 10 = 2 Mar 2026 (February has 28 days)...
    [InlineData("2026-02-20T15:00:00Z", "2026-03-03T04:59:59Z")]
    // ... and 1 Mar 2028 in a leap year.
    [InlineData("2028-02-20T15:00:00Z", "2028-03-02T04:59:59Z")]
    public void Agent_notifies_the_covered_entity_within_10_days(string aware, string due) =>
        (Breach(aware) with { Role = "processor" }).Expect("us-fl-agent-to-owner", "required", due);

    [Theory]
    // § 501.171(3)(a): "500 or more individuals in this state".
    [InlineData("US-FL: 499", "us-fl-dla", "absent")]
    [InlineData("US-FL: 500", "us-fl-dla", "required")]
    [InlineData("US-FL: 501", "us-fl-dla", "required")]
    // § 501.171(5): "more than 1,000 individuals at a single time" → consumer reporting agencies.
    [InlineData("US-FL: 1000", "us-fl-cras", "absent")]
    [InlineData("US-FL: 1001", "us-fl-cras", "required")]
    public void Thresholds(string subjects, string id, string status)
    {
        var c = Breach(subjects: subjects);
        if (status == "required" && id == "us-fl-dla") c.Expect(id, status, "2026-12-21T04:59:59Z");
        else c.Expect(id, status);
    }

    [Theory]
    // § 501.171(4)(c): no individual notice when identity theft or financial harm is not likely (after investigation).
    [InlineData("us-fl-individuals", "unlikely", "none", "exempt")]
    // The risk-of-harm determination spares the individuals' notice only; the Department is still told.
    [InlineData("us-fl-dla", "unlikely", "none", "required")]
    // § 501.171(1)(g): encrypted data is not personal information unless the key was compromised.
    [InlineData("us-fl-individuals", "risk", "encrypted", "exempt")]
    [InlineData("us-fl-individuals", "risk", "encrypted-key-compromised", "required")]
    public void Exemptions(string id, string risk, string encryption, string status)
    {
        var c = Breach(subjects: "US-FL: 600") with { RiskToRights = risk, Encryption = encryption };
        if (status == "required") c.Expect(id, status, "2026-12-21T04:59:59Z");
        else c.Expect(id, status);
    }

    [Fact]
    public void Access_alone_is_a_breach() =>
        // § 501.171(1)(a): unauthorized access, not only acquisition — exfiltration ruled out still counts.
        (Breach() with { Exfiltration = "ruled-out" }).Expect("us-fl-individuals", "required", "2026-12-21T04:59:59Z");
}
