namespace Verdict.Tests.Regimes;

/// <summary>23 NYCRR 500.17(a) (reference §3.3): no later than 72 hours after determining a cybersecurity incident occurred.</summary>
public class NydfsTests
{
    [Theory]
    // 500.17(a)(1): 72 hours, elapsed.
    [InlineData("2026-11-20T16:30:00Z", "2026-11-23T16:30:00Z")]
    // 500.17(a)(1) across the end of daylight time (1 Nov 2026): 12:00 EDT Fri → 11:00 EST Mon.
    [InlineData("2026-10-30T12:00:00-04:00", "2026-11-02T16:00:00Z")]
    // Hours run through weekends and holidays (Thanksgiving 2026).
    [InlineData("2026-11-25T20:00:00Z", "2026-11-28T20:00:00Z")]
    // Across leap day: 10:00 EST on 28 Feb 2028 → 10:00 EST on 2 Mar.
    [InlineData("2028-02-28T10:00:00-05:00", "2028-03-02T15:00:00Z")]
    public void Superintendent_within_72_hours(string aware, string due) =>
        new RegimeCase { AwareAt = aware, RegulatedAs = "nydfs-covered-entity", Subjects = "US-NJ: 10" }.Expect("nydfs-500-17a", "required", due);

    [Theory]
    // 500.1: covered entities only.
    [InlineData("", "2026-11-20T16:30:00Z", "absent")]
    public void Scope(string regulatedAs, string aware, string status) =>
        new RegimeCase { AwareAt = aware, RegulatedAs = regulatedAs, Subjects = "US-NY: 10" }.Expect("nydfs-500-17a", status);
}
