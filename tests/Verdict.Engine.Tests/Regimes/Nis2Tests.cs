namespace Verdict.Tests.Regimes;

/// <summary>NIS2 Art 23(4) (reference §1.7; hours per Reg. 1182/71 Art 3(1), the month per Art 3(2)(c)/3(4), §8.2).</summary>
public class Nis2Tests
{
    private static RegimeCase Entity(string aware = "2026-11-20T16:30:00Z", string notices = "") =>
        new() { AwareAt = aware, RegulatedAs = "essential-entity", Establishments = "DE", Notices = notices };

    [Theory]
    // Art 23(4)(a): early warning within 24 hours of becoming aware; the legal count starts at the next full hour.
    [InlineData("nis2-early-warning", "2026-11-20T16:30:00Z", "2026-11-21T16:30:00Z", "2026-11-21T17:00:00Z")]
    // Art 23(4)(b): incident notification within 72 hours.
    [InlineData("nis2-notification", "2026-11-20T16:30:00Z", "2026-11-23T16:30:00Z", "2026-11-23T17:00:00Z")]
    // Art 23(4)(a)/(b) across the end of summer time (25 Oct 2026): elapsed hours on the UTC timeline.
    [InlineData("nis2-early-warning", "2026-10-24T09:10:00+02:00", "2026-10-25T07:10:00Z", "2026-10-25T08:00:00Z")]
    [InlineData("nis2-notification", "2026-10-24T09:10:00+02:00", "2026-10-27T07:10:00Z", "2026-10-27T08:00:00Z")]
    // Art 23(4)(b): hour periods are not rolled over weekends (1182/71 Art 3(4) covers only periods not in hours).
    [InlineData("nis2-notification", "2026-11-18T09:20:00Z", "2026-11-21T09:20:00Z", "2026-11-21T10:00:00Z")]
    public void Early_warning_and_notification_in_hours(string id, string aware, string due, string? legal) =>
        Entity(aware).Expect(id, "required", due, legal);

    [Theory]
    // Art 23(4)(d): final report not later than one month after the submitted incident notification (same date, same clock
    // time); 1182/71 Art 3(2)(b) ends the period at the end of that day.
    [InlineData("2026-11-22T10:00:00Z", "2026-12-22T10:00:00Z", "2026-12-22T22:59:59Z")]
    // 1182/71 Art 3(2)(c): 31 Jan + 1 month = 28 Feb 2027 (a Sunday) → Art 3(4): end of Monday 1 Mar.
    [InlineData("2027-01-31T10:00:00Z", "2027-02-28T10:00:00Z", "2027-03-01T22:59:59Z")]
    // Leap year: 31 Jan 2028 + 1 month = 29 Feb 2028 (Tuesday).
    [InlineData("2028-01-31T10:00:00Z", "2028-02-29T10:00:00Z", "2028-02-29T22:59:59Z")]
    // Across the start of summer time: 10:00 CET on 10 Mar → 10:00 CEST on Sat 10 Apr 2027 → Monday 12 Apr.
    [InlineData("2027-03-10T09:00:00Z", "2027-04-10T08:00:00Z", "2027-04-12T21:59:59Z")]
    // Ends on New Year's Day 2027 (Belgian holiday, Friday) → Art 3(4): end of Monday 4 Jan.
    [InlineData("2026-12-01T09:00:00Z", "2027-01-01T09:00:00Z", "2027-01-04T22:59:59Z")]
    public void Final_report_one_month_after_the_submitted_notification(string submitted, string due, string legal) =>
        Entity(notices: $"nis2-notification={submitted}").Expect("nis2-final", "required", due, legal, stage: "final");

    [Fact]
    public void Final_report_waits_for_the_notification() =>
        // Art 23(4)(d) counts from the notification actually submitted: without it the instant is unknown.
        Entity().Expect("nis2-final", "indeterminate", missing: "notices.nis2-notification");

    [Theory]
    // Art 3(1)/23: essential and important entities only.
    [InlineData("essential-entity", "DE", "required")]
    [InlineData("important-entity", "FR", "required")]
    [InlineData("", "DE", "absent")]
    // Art 26(1): the entity's establishment in a Member State decides (people in the EU alone do not).
    [InlineData("essential-entity", "US", "absent")]
    public void Who_is_obliged(string regulatedAs, string establishments, string status)
    {
        var c = new RegimeCase { RegulatedAs = regulatedAs, Establishments = establishments };
        if (status == "required") c.Expect("nis2-early-warning", status, "2026-11-21T16:30:00Z", "2026-11-21T17:00:00Z");
        else c.Expect("nis2-early-warning", status);
    }

    [Theory]
    // Art 23(3): a significant incident only. Low-severity contact data, misconfiguration, sector other → not significant.
    [InlineData("other", "misconfiguration", "absent")]
    // IR 2024/2690 Art 7: for a cloud (SaaS) provider a suspectedly malicious compromise of data is significant, whatever the size.
    [InlineData("saas", "intrusion", "required")]
    [InlineData("saas", "misconfiguration", "absent")]
    public void Only_significant_incidents(string sector, string cause, string status)
    {
        var c = Entity() with { Sector = sector, Cause = cause, Categories = "contact", Records = 10, Subjects = "DE: 10", RiskToRights = "unlikely" };
        if (status == "required") c.Expect("nis2-early-warning", status, "2026-11-21T16:30:00Z", "2026-11-21T17:00:00Z");
        else c.Expect("nis2-early-warning", status);
    }

    [Theory]
    // Art 41(1): Member States apply the measures from 18 Oct 2024.
    [InlineData("2024-10-17T12:30:00Z", "absent", null, null)]
    [InlineData("2024-10-18T12:30:00Z", "required", "2024-10-19T12:30:00Z", "2024-10-19T13:00:00Z")]
    public void Applies_from_18_October_2024(string aware, string status, string? due, string? legal) =>
        Entity(aware).Expect("nis2-early-warning", status, due, legal);
}
