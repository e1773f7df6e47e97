namespace Verdict.Tests.Regimes;

/// <summary>
/// EU AI Act Art 73 (2/10/15 calendar days) and Art 26(5) (reference §1.4–1.5; days per Reg. 1182/71, §8.3;
/// the policy's zone and calendar are Brussels/Belgium). Application: 2 Dec 2027 per the policy (Reg. 2026/1744 reading).
/// </summary>
public class AiActTests
{
    private static RegimeCase Provider(string aware, string serious) =>
        new() { AwareAt = aware, Ai = "provider high", Serious = serious, Subjects = "DE: 1000" };

    [Theory]
    // Art 73(2): not later than 15 days; 1182/71 Art 3(2)(b) ends it at 24:00 of day 15 (Sat, Christmas), Art 3(4) rolls it to Mon 27 Dec.
    [InlineData("euaia-art73-15d", "2027-12-10T09:00:00Z", "fundamentalRightsInfringement", "2027-12-25T22:59:59Z", "2027-12-27T22:59:59Z")]
    // Art 73(4): death — not later than 10 days; day 10 is Thu 30 Mar 2028, after the start of summer time (26 Mar): 23:59:59 CEST.
    [InlineData("euaia-art73-10d", "2028-03-20T10:00:00Z", "death", "2028-03-30T21:59:59Z", null)]
    // Art 73(2) applies to the same death too ("in any event" 15 days): Tue 4 Apr 2028.
    [InlineData("euaia-art73-15d", "2028-03-20T10:00:00Z", "death", "2028-04-04T21:59:59Z", null)]
    // Art 73(3): widespread infringement — two days; Thursday + 2 = Saturday; 1182/71 Art 3(4) → Monday, Art 3(5) satisfied (Fri, Mon).
    [InlineData("euaia-art73-2d", "2027-12-16T10:00:00Z", "widespread", "2027-12-18T22:59:59Z", "2027-12-20T22:59:59Z")]
    // Art 73(3): critical-infrastructure disruption — Wed + 2 = Fri; Ascension (Thu 25 May 2028) leaves one working day, so
    // 1182/71 Art 3(5) (at least two working days) extends the period to Mon 29 May.
    [InlineData("euaia-art73-2d", "2028-05-24T08:00:00Z", "criticalInfrastructureDisruption", "2028-05-26T21:59:59Z", "2028-05-29T21:59:59Z")]
    // Art 73(3): two days across leap day — Sun 27 Feb + 2 = Tue 29 Feb 2028 (Mon and Tue are working days: no extension).
    [InlineData("euaia-art73-2d", "2028-02-27T10:00:00Z", "widespread", "2028-02-29T22:59:59Z", null)]
    // Art 73(2): 15 days across the end of summer time (29 Oct 2028) ending on Saturday 4 Nov (23:59:59 CET) → Monday 6 Nov.
    [InlineData("euaia-art73-15d", "2028-10-20T12:00:00Z", "healthHarm", "2028-11-04T22:59:59Z", "2028-11-06T22:59:59Z")]
    // Art 73(2), Art 3(49)(d): serious harm to property or the environment.
    [InlineData("euaia-art73-15d", "2028-06-01T08:00:00Z", "propertyOrEnvironmentHarm", "2028-06-16T21:59:59Z", null)]
    public void Serious_incident_report_ceilings(string id, string aware, string serious, string due, string? legal) =>
        Provider(aware, serious).Expect(id, "required", due, legal);

    [Theory]
    // Art 73(3)/(4) tiers apply only to their own incidents; Art 73(2) to every Art 3(49) serious incident.
    [InlineData("euaia-art73-2d", "fundamentalRightsInfringement", "absent")]
    [InlineData("euaia-art73-10d", "fundamentalRightsInfringement", "absent")]
    [InlineData("euaia-art73-10d", "widespread", "absent")]
    // Art 3(49): no limb of a serious incident → no Art 73 report.
    [InlineData("euaia-art73-15d", "", "absent")]
    public void Tiers_follow_the_kind_of_incident(string id, string serious, string status) =>
        Provider("2028-03-20T10:00:00Z", serious).Expect(id, status);

    [Fact]
    public void Unknown_serious_incident_limbs_are_indeterminate() =>
        // Art 3(49): whether a serious incident occurred cannot be decided without the limbs.
        Provider("2028-03-20T10:00:00Z", null!).Expect("euaia-art73-15d", "indeterminate");

    [Theory]
    // Art 73(1): providers of high-risk AI systems.
    [InlineData("provider high", "euaia-art73-15d", "required")]
    [InlineData("provider limited", "euaia-art73-15d", "absent")]
    // Art 26(5): a deployer "immediately" informs the provider (no numeric ceiling); it is not the Art 73 addressee.
    [InlineData("deployer high", "euaia-art26-5-provider", "required")]
    [InlineData("deployer high", "euaia-art73-15d", "absent")]
    [InlineData("provider high", "euaia-art26-5-provider", "absent")]
    [InlineData("deployer minimal", "euaia-art26-5-provider", "absent")]
    public void Who_reports(string ai, string id, string status)
    {
        var c = new RegimeCase { AwareAt = "2028-03-20T10:00:00Z", Ai = ai, Serious = "fundamentalRightsInfringement" };
        if (id == "euaia-art73-15d" && status == "required") c.Expect(id, status, "2028-04-04T21:59:59Z");
        else c.Expect(id, status);
    }

    [Fact]
    public void No_ai_system_no_report() =>
        new RegimeCase { AwareAt = "2028-03-20T10:00:00Z" }.Expect("euaia-art73-15d", "absent");

    [Theory]
    // Art 2(1): a provider established in the Union, whatever the residence of the people.
    [InlineData("US-CA: 50", "DE", "required")]
    [InlineData("US-CA: 50", "", "absent")]
    public void Territorial_scope(string subjects, string establishments, string status)
    {
        var c = Provider("2028-03-20T10:00:00Z", "fundamentalRightsInfringement") with { Subjects = subjects, Establishments = establishments };
        if (status == "required") c.Expect("euaia-art73-15d", status, "2028-04-04T21:59:59Z");
        else c.Expect("euaia-art73-15d", status);
    }

    [Theory]
    // Art 113 as amended by Reg. (EU) 2026/1744 (the policy's reading): high-risk (Annex III) duties from 2 Dec 2027.
    [InlineData("2027-12-01T12:00:00Z", "absent", null)]
    [InlineData("2027-12-02T09:00:00Z", "required", "2027-12-17T22:59:59Z")]
    // Reg. 1182/71 Art 4(1): a date of application takes effect at the beginning of the first hour of that day — 00:30 on
    // 2 Dec in Brussels (23:30 UTC on 1 Dec) is already inside; day 15 counts from the Brussels date, 2 Dec.
    [InlineData("2027-12-01T23:30:00Z", "required", "2027-12-17T22:59:59Z")]
    public void Applies_from_2_December_2027(string aware, string status, string? due) =>
        Provider(aware, "fundamentalRightsInfringement").Expect("euaia-art73-15d", status, due);
}
