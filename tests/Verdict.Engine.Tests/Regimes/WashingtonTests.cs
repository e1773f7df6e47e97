namespace Verdict.Tests.Regimes;

/// <summary>
/// RCW 19.255.010 as amended by HB 1071 (reference §4.6): residents and, above 500 residents, the Attorney General, no
/// more than 30 calendar days after discovery. Calendar days end 23:59:59 America/Los_Angeles, no roll-forward.
/// </summary>
public class WashingtonTests
{
    private static RegimeCase Breach(string aware = "2026-11-20T16:30:00Z", string subjects = "US-WA: 100") =>
        new() { AwareAt = aware, Subjects = subjects, Categories = "financial" };

    [Theory]
    // RCW 19.255.010(8): 30 calendar days; across the start of daylight time (14 Mar 2027): 31 Mar, 23:59:59 PDT.
    [InlineData("us-wa-residents", "2027-03-01T20:00:00Z", "2027-04-01T06:59:59Z")]
    // Day 30 from 30 Jan 2028 is leap day.
    [InlineData("us-wa-ag", "2028-01-30T20:00:00Z", "2028-03-01T07:59:59Z")]
    public void Thirty_calendar_days(string id, string aware, string due) =>
        Breach(aware, "US-WA: 600").Expect(id, "required", due);

    [Theory]
    // RCW 19.255.010(7): "more than five hundred Washington residents" → Attorney General.
    [InlineData("US-WA: 499", "absent")]
    [InlineData("US-WA: 500", "absent")]
    [InlineData("US-WA: 501", "required")]
    public void Attorney_general_above_500(string subjects, string status)
    {
        var c = Breach(subjects: subjects);
        if (status == "required") c.Expect("us-wa-ag", status, "2026-12-21T07:59:59Z");
        else c.Expect("us-wa-ag", status);
    }

    [Theory]
    // RCW 19.255.010(1): not required when the breach is not reasonably likely to subject consumers to a risk of harm.
    [InlineData("unlikely", "none", "exempt")]
    // RCW 19.255.010(1): secured (encrypted) data unless the key or credential was acquired.
    [InlineData("risk", "encrypted", "exempt")]
    [InlineData("risk", "encrypted-key-compromised", "required")]
    public void Exemptions(string risk, string encryption, string status)
    {
        var c = Breach() with { RiskToRights = risk, Encryption = encryption };
        if (status == "required") c.Expect("us-wa-residents", status, "2026-12-21T07:59:59Z");
        else c.Expect("us-wa-residents", status);
    }
}
