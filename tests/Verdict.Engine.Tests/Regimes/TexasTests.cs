namespace Verdict.Tests.Regimes;

/// <summary>
/// Tex. Bus. &amp; Com. Code § 521.053 as amended by SB 768 from 1 Sep 2023 (reference §4.3): individuals within 60 days of
/// determining the breach; the Attorney General within 30 days when at least 250 Texas residents are affected. Calendar
/// days end 23:59:59 in America/Chicago (the state's earlier zone), no roll-forward (§8.3).
/// </summary>
public class TexasTests
{
    private static RegimeCase Breach(string aware = "2026-10-20T15:00:00Z", string subjects = "US-TX: 1000") =>
        new() { AwareAt = aware, Subjects = subjects, Categories = "government-id" };

    [Theory]
    // § 521.053(i) (SB 768): AG not later than the 30th day; 19 Nov 2026 is after the end of daylight time: 23:59:59 CST.
    [InlineData("us-tx-ag", "2026-10-20T15:00:00Z", "2026-11-20T05:59:59Z")]
    // § 521.053(b): individuals not later than the 60th day.
    [InlineData("us-tx-individuals", "2026-10-20T15:00:00Z", "2026-12-20T05:59:59Z")]
    // Day 60 from 31 Dec 2027 is leap day 29 Feb 2028.
    [InlineData("us-tx-individuals", "2027-12-31T18:00:00Z", "2028-03-01T05:59:59Z")]
    // 23:30 in Texas on 20 Nov is 21 Nov in UTC: the 30 days count from the Texas date (day 30: Sunday 20 Dec, no roll).
    [InlineData("us-tx-ag", "2026-11-20T23:30:00-06:00", "2026-12-21T05:59:59Z")]
    // Across the start of daylight time (8 Mar 2026): day 30 ends 23:59:59 CDT.
    [InlineData("us-tx-ag", "2026-03-01T18:00:00Z", "2026-04-01T04:59:59Z")]
    public void Deadlines(string id, string aware, string due) =>
        Breach(aware).Expect(id, "required", due);

    [Theory]
    // § 521.053(i): "at least 250 residents of this state".
    [InlineData("US-TX: 249", "absent")]
    [InlineData("US-TX: 250", "required")]
    [InlineData("US-TX: 251", "required")]
    // Residents of other states do not count towards the Texas threshold.
    [InlineData("US-TX: 249, US-OK: 5000", "absent")]
    public void Attorney_general_threshold_is_at_least_250_Texans(string subjects, string status)
    {
        var c = Breach(subjects: subjects);
        if (status == "required") c.Expect("us-tx-ag", status, "2026-11-20T05:59:59Z");
        else c.Expect("us-tx-ag", status);
    }

    [Fact]
    public void SB_768_applies_from_1_September_2023() =>
        // SB 768, effective 1 Sep 2023: 30 days → 1 Oct 2023, 23:59:59 CDT.
        Breach("2023-09-01T15:00:00Z").Expect("us-tx-ag", "required", "2023-10-02T04:59:59Z");

    [Theory]
    // § 521.002/.053: encrypted data is not a breach unless the decryption key was also acquired.
    [InlineData("encrypted", "us-tx-individuals", "exempt")]
    [InlineData("encrypted", "us-tx-ag", "exempt")]
    [InlineData("encrypted-key-compromised", "us-tx-ag", "required")]
    public void Encryption_safe_harbor(string encryption, string id, string status)
    {
        var c = Breach() with { Encryption = encryption };
        if (status == "required") c.Expect(id, status, "2026-11-20T05:59:59Z");
        else c.Expect(id, status);
    }

    [Theory]
    // § 521.002: sensitive personal information (contact data alone is not).
    [InlineData("contact", "absent")]
    [InlineData("payment-card", "required")]
    public void Sensitive_personal_information_only(string categories, string status)
    {
        var c = Breach() with { Categories = categories };
        if (status == "required") c.Expect("us-tx-ag", status, "2026-11-20T05:59:59Z");
        else c.Expect("us-tx-ag", status);
    }
}
