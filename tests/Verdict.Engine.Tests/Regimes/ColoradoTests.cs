namespace Verdict.Tests.Regimes;

/// <summary>
/// C.R.S. § 6-1-716 (reference §4.5): residents within 30 days after the determination that a breach occurred; the
/// Attorney General within 30 days when 500 or more residents are notified; consumer reporting agencies above 1,000.
/// Calendar days end 23:59:59 America/Denver, no roll-forward.
/// </summary>
public class ColoradoTests
{
    private static RegimeCase Breach(string aware = "2026-11-20T16:30:00Z", string subjects = "US-CO: 100") =>
        new() { AwareAt = aware, Subjects = subjects, Categories = "credentials" };

    [Theory]
    // § 6-1-716(2): not later than 30 days; day 30 (Sat 4 Apr 2026) is after the start of daylight time: 23:59:59 MDT, no roll.
    [InlineData("2026-03-05T18:00:00Z", "2026-04-05T05:59:59Z")]
    // 23:30 MST on 30 Dec 2027 is 31 Dec in UTC: the count runs from the Colorado date → 29 Jan 2028.
    [InlineData("2027-12-31T06:30:00Z", "2028-01-30T06:59:59Z")]
    public void Residents_within_30_days(string aware, string due) =>
        Breach(aware).Expect("us-co-residents", "required", due);

    [Theory]
    // § 6-1-716(2)(f): "500 or more Colorado residents" → Attorney General within 30 days.
    [InlineData("US-CO: 499", "us-co-ag", "absent")]
    [InlineData("US-CO: 500", "us-co-ag", "required")]
    [InlineData("US-CO: 501", "us-co-ag", "required")]
    // § 6-1-716(2)(d): "more than 1,000 Colorado residents" → consumer reporting agencies.
    [InlineData("US-CO: 1000", "us-co-cras", "absent")]
    [InlineData("US-CO: 1001", "us-co-cras", "required")]
    public void Thresholds(string subjects, string id, string status)
    {
        var c = Breach(subjects: subjects);
        if (status == "required" && id == "us-co-ag") c.Expect(id, status, "2026-12-21T06:59:59Z");
        else c.Expect(id, status);
    }

    [Theory]
    // § 6-1-716(2): no notice when the investigation determines misuse has not occurred and is not reasonably likely.
    [InlineData("unlikely", false, "none", "exempt")]
    // Misuse already observed defeats the exemption.
    [InlineData("unlikely", true, "none", "required")]
    // § 6-1-716(1): encrypted data (key not acquired) is outside the definition.
    [InlineData("risk", false, "encrypted", "exempt")]
    public void Exemptions(string risk, bool misuse, string encryption, string status)
    {
        var c = Breach() with { RiskToRights = risk, MisuseObserved = misuse, Encryption = encryption };
        if (status == "required") c.Expect("us-co-residents", status, "2026-12-21T06:59:59Z");
        else c.Expect("us-co-residents", status);
    }
}
