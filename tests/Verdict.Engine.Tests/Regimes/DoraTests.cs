namespace Verdict.Tests.Regimes;

/// <summary>
/// DORA Art 19 with the time limits of Delegated Reg. (EU) 2025/301 Art 5 (reference §1.8, §8.2): hours on the UTC
/// timeline; a deadline on a weekend or bank holiday moves to 12:00 of the next working day (Art 5(4)) — the policy's
/// zone and calendar are Brussels/Belgium.
/// </summary>
public class DoraTests
{
    private static RegimeCase Entity(string aware, string? classified, string notices = "") =>
        new() { AwareAt = aware, ClassifiedMajorAt = classified, RegulatedAs = "financial-entity", Establishments = "IE", Notices = notices };

    [Theory]
    // RTS Art 5(2): within 4 hours from classification as major (Fri 16:00 UTC, a working day: no relief).
    [InlineData("2026-11-20T10:00:00Z", "2026-11-20T12:00:00Z", "2026-11-20T16:00:00Z", null)]
    // Art 5(2): "no later than 24 hours from becoming aware" caps a classification made 22 hours in.
    [InlineData("2026-11-19T10:00:00Z", "2026-11-20T08:00:00Z", "2026-11-20T10:00:00Z", null)]
    // Art 5(4): due on Saturday 06:00 UTC → 12:00 Brussels on Monday.
    [InlineData("2026-11-20T14:00:00Z", "2026-11-21T02:00:00Z", "2026-11-21T06:00:00Z", "2026-11-23T11:00:00Z")]
    // Art 5(4) across the end of summer time: due Sunday 25 Oct 2026 → Monday 12:00 CET.
    [InlineData("2026-10-24T20:00:00Z", "2026-10-25T09:00:00Z", "2026-10-25T13:00:00Z", "2026-10-26T11:00:00Z")]
    // Art 5(4): due on Christmas Day (Belgian bank holiday, Friday) → Monday 28 Dec 12:00.
    [InlineData("2026-12-24T09:00:00Z", "2026-12-24T22:00:00Z", "2026-12-25T02:00:00Z", "2026-12-28T11:00:00Z")]
    // Art 5(2): classified as major only after the 24-hour mark → within 4 hours of classification.
    [InlineData("2026-11-16T09:00:00Z", "2026-11-18T09:00:00Z", "2026-11-18T13:00:00Z", null)]
    public void Initial_notification(string aware, string classified, string due, string? legal) =>
        Entity(aware, classified).Expect("dora-initial", "required", due, legal, stage: "initial");

    [Theory]
    // Art 5(2): intermediate report within 72 hours from the submission of the initial notification (Monday: no relief).
    [InlineData("2026-11-20T15:00:00Z", "2026-11-23T15:00:00Z", null)]
    // Art 5(4): 72 hours end on Saturday → Monday 12:00 Brussels.
    [InlineData("2026-11-18T15:00:00Z", "2026-11-21T15:00:00Z", "2026-11-23T11:00:00Z")]
    // Art 5(4): 72 hours end on Christmas Day → Monday 28 Dec 12:00.
    [InlineData("2026-12-22T10:00:00Z", "2026-12-25T10:00:00Z", "2026-12-28T11:00:00Z")]
    public void Intermediate_report_chains_on_the_submitted_initial(string initial, string due, string? legal) =>
        Entity("2026-11-17T09:00:00Z", "2026-11-17T10:00:00Z", $"dora-initial={initial}").Expect("dora-intermediate", "required", due, legal);

    [Theory]
    // Art 5(2): final report no later than one month from the latest updated intermediate report.
    [InlineData("dora-intermediate=2026-11-23T15:00:00Z", "2026-12-23T15:00:00Z", null)]
    // ... the latest one counts when the intermediate report was updated.
    [InlineData("dora-intermediate=2026-11-23T15:00:00Z, dora-intermediate=2026-11-30T09:00:00Z", "2026-12-30T09:00:00Z", null)]
    // Month end: 31 Jan + 1 month = Sunday 28 Feb 2027 → Art 5(4): Monday 1 Mar 12:00.
    [InlineData("dora-intermediate=2027-01-31T09:00:00Z", "2027-02-28T09:00:00Z", "2027-03-01T11:00:00Z")]
    // Leap year: 31 Jan 2028 + 1 month = Tuesday 29 Feb 2028.
    [InlineData("dora-intermediate=2028-01-31T09:00:00Z", "2028-02-29T09:00:00Z", null)]
    // Across the start of summer time: 10:00 CET on 1 Mar → 10:00 CEST on 1 Apr 2027.
    [InlineData("dora-intermediate=2027-03-01T09:00:00Z", "2027-04-01T08:00:00Z", null)]
    public void Final_report_chains_on_the_latest_intermediate(string notices, string due, string? legal) =>
        Entity("2026-11-17T09:00:00Z", "2026-11-17T10:00:00Z", notices).Expect("dora-final", "required", due, legal);

    [Theory]
    // Art 5(2): the later reports cannot be dated before the earlier one is submitted.
    [InlineData("dora-intermediate", "notices.dora-initial")]
    [InlineData("dora-final", "notices.dora-intermediate")]
    public void Later_reports_wait_for_the_earlier_submission(string id, string missing) =>
        Entity("2026-11-17T09:00:00Z", "2026-11-17T10:00:00Z").Expect(id, "indeterminate", missing: missing);

    [Fact]
    public void Unclassified_incident_is_indeterminate() =>
        // Art 19(1): only major incidents (RTS 2024/1772 Art 8) are reported; the classification is not yet known.
        Entity("2026-11-17T09:00:00Z", null).Expect("dora-initial", "indeterminate", missing: "timeline.classifiedMajorAt");

    [Theory]
    // Art 2(1): financial entities only; established in the Union.
    [InlineData("", "IE", "absent")]
    [InlineData("financial-entity", "US", "absent")]
    [InlineData("financial-entity", "LU", "required")]
    public void Who_is_obliged(string regulatedAs, string establishments, string status)
    {
        var c = new RegimeCase { AwareAt = "2026-11-20T10:00:00Z", ClassifiedMajorAt = "2026-11-20T12:00:00Z", RegulatedAs = regulatedAs, Establishments = establishments };
        if (status == "required") c.Expect("dora-initial", status, "2026-11-20T16:00:00Z");
        else c.Expect("dora-initial", status);
    }

    [Theory]
    // Art 19(3): clients whose financial interests are affected are informed without undue delay (no ceiling).
    [InlineData("financial-loss", "required")]
    [InlineData("", "absent")]
    public void Clients_when_their_financial_interests_are_affected(string consequences, string status) =>
        (Entity("2026-11-20T10:00:00Z", "2026-11-20T12:00:00Z") with { Consequences = consequences }).Expect("dora-clients", status);

    [Theory]
    // Art 64: DORA applies from 17 Jan 2025.
    [InlineData("2025-01-16T10:00:00Z", "2025-01-16T11:00:00Z", "absent", null)]
    [InlineData("2025-01-17T10:00:00Z", "2025-01-17T11:00:00Z", "required", "2025-01-17T15:00:00Z")]
    public void Applies_from_17_January_2025(string aware, string classified, string status, string? due) =>
        Entity(aware, classified).Expect("dora-initial", status, due);
}
