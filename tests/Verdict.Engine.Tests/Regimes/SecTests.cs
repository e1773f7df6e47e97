namespace Verdict.Tests.Regimes;

/// <summary>
/// SEC Form 8-K Item 1.05 (reference §3.2, §8.4): four business days after the materiality determination; business days
/// exclude weekends and US federal holidays; General Instruction B.1: an event on a non-business day starts the count on,
/// and includes, the first business day thereafter. New York time.
/// </summary>
public class SecTests
{
    private static RegimeCase Registrant(string determined, bool? material = true) =>
        new() { AwareAt = determined, MaterialityDeterminedAt = determined, RegulatedAs = "sec-registrant", Material = material, Subjects = "US-NY: 1000" };

    [Theory]
    // Tue 24 Nov 2026: Wed (1), Thanksgiving skipped, Fri (2), Mon (3), Tue 1 Dec (4) — 23:59:59 EST.
    [InlineData("2026-11-24T15:00:00Z", "2026-12-02T04:59:59Z")]
    // Instruction B.1: determined on Saturday 21 Nov → Mon (1), Tue (2), Wed (3), Thanksgiving skipped, Fri 27 (4).
    [InlineData("2026-11-21T15:00:00Z", "2026-11-28T04:59:59Z")]
    // Year end: Fri 31 Dec 2027 is the observed New Year's Day holiday → Thu 30 (1), Mon 3 (2), Tue 4 (3), Wed 5 Jan 2028 (4).
    [InlineData("2027-12-29T15:00:00Z", "2028-01-06T04:59:59Z")]
    // Across the end of daylight time (1 Nov 2026): Fri (1), Mon (2), Tue (3), Wed 4 Nov (4), 23:59:59 EST.
    [InlineData("2026-10-29T16:00:00Z", "2026-11-05T04:59:59Z")]
    // Across leap day: Fri 25 Feb 2028 → Mon 28 (1), Tue 29 Feb (2), Wed 1 Mar (3), Thu 2 Mar (4).
    [InlineData("2028-02-25T15:00:00Z", "2028-03-03T04:59:59Z")]
    // Independence Day observed Mon 5 Jul 2027 is skipped: Thu 1 (1), Fri 2 (2), Tue 6 (3), Wed 7 (4), 23:59:59 EDT.
    [InlineData("2027-06-30T20:00:00Z", "2027-07-08T03:59:59Z")]
    // Determined on Thanksgiving itself: the count begins on, and includes, Fri 27 Nov (1), Mon (2), Tue (3), Wed 2 Dec (4).
    [InlineData("2026-11-26T15:00:00Z", "2026-12-03T04:59:59Z")]
    // 23:30 in New York on Tue 24 Nov is already Wednesday in UTC; the count starts from the New York date.
    [InlineData("2026-11-24T23:30:00-05:00", "2026-12-02T04:59:59Z")]
    public void Four_business_days_after_the_materiality_determination(string determined, string due) =>
        Registrant(determined).Expect("sec-8k-item-1-05", "required", due);

    [Theory]
    // Item 1.05: only an incident the registrant determines to be material.
    [InlineData(false, "absent")]
    [InlineData(null, "indeterminate")]
    public void Only_material_incidents(bool? material, string status) =>
        Registrant("2026-11-24T15:00:00Z", material).Expect("sec-8k-item-1-05", status);

    [Fact]
    public void Material_without_a_determination_instant_is_indeterminate() =>
        (Registrant("2026-11-24T15:00:00Z") with { MaterialityDeterminedAt = null })
            .Expect("sec-8k-item-1-05", "indeterminate", missing: "timeline.materialityDeterminedAt");

    [Fact]
    public void Only_registrants() =>
        (Registrant("2026-11-24T15:00:00Z") with { RegulatedAs = "" }).Expect("sec-8k-item-1-05", "absent");

    [Theory]
    // Release 33-11216: compliance from 18 Dec 2023.
    [InlineData("2023-12-15T15:00:00Z", "absent", null)]
    // Mon 18 Dec 2023 → Tue (1), Wed (2), Thu (3), Fri 22 Dec (4).
    [InlineData("2023-12-18T15:00:00Z", "required", "2023-12-23T04:59:59Z")]
    public void Applies_from_18_December_2023(string determined, string status, string? due) =>
        Registrant(determined).Expect("sec-8k-item-1-05", status, due);
}
