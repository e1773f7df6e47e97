namespace Verdict.Tests.Regimes;

/// <summary>
/// Singapore PDPA Part 6A (reference §6.2, §8.3): notifiable when significant harm is likely or at least 500 individuals are
/// affected; the PDPC no later than 3 calendar days after the day of the assessment (s 26D(1)), individuals for
/// significant-harm breaches (s 26D(2)). Calendar days incl. weekends and holidays, end of day Asia/Singapore.
/// </summary>
public class PdpaTests
{
    // Contact data of few people, no significant harm: only the scale test can make the breach notifiable.
    private static RegimeCase Breach(string subjects = "SG: 600", string assessed = "2026-11-20T10:00:00Z") =>
        new() { AwareAt = "2026-11-18T09:00:00Z", AssessedAt = assessed, Subjects = subjects, Categories = "contact", Records = 600 };

    [Theory]
    // s 26D(1): no later than 3 calendar days after the day of the assessment (Fri 20 Nov 18:00 SGT → Mon 23 Nov).
    [InlineData("2026-11-20T10:00:00Z", "2026-11-23T15:59:59Z")]
    // 17:00 UTC on 20 Nov is already 21 Nov in Singapore: the day of assessment is the Singapore date.
    [InlineData("2026-11-20T17:00:00Z", "2026-11-24T15:59:59Z")]
    // Calendar days: ends on Sunday 22 Nov, no roll-forward.
    [InlineData("2026-11-19T04:00:00Z", "2026-11-22T15:59:59Z")]
    // Across leap day: 27 Feb 2028 → 28, 29 Feb, 1 Mar.
    [InlineData("2028-02-27T02:00:00Z", "2028-03-01T15:59:59Z")]
    public void Commission_within_3_days_of_the_assessment(string assessed, string due) =>
        Breach(assessed: assessed).Expect("pdpa-pdpc", "required", due);

    [Fact]
    public void Without_the_assessment_the_deadline_is_indeterminate() =>
        Breach(assessed: null!).Expect("pdpa-pdpc", "indeterminate", missing: "timeline.assessedAt");

    [Theory]
    // s 26B(1)(b) + Regulations: significant scale — not fewer than 500 affected individuals.
    [InlineData("SG: 499", "", "absent")]
    [InlineData("SG: 500", "", "required")]
    [InlineData("SG: 501", "", "required")]
    // An organisation in Singapore counts everyone affected.
    [InlineData("MY: 500", "SG", "required")]
    [InlineData("SG: 250, MY: 250", "SG", "required")]
    [InlineData("SG: 250, MY: 250", "", "absent")]
    public void Significant_scale_is_500_or_more(string subjects, string establishments, string status)
    {
        var c = Breach(subjects) with { Establishments = establishments };
        if (status == "required") c.Expect("pdpa-pdpc", status, "2026-11-23T15:59:59Z");
        else c.Expect("pdpa-pdpc", status);
    }

    [Theory]
    // s 26B(1)(a): significant harm makes even one person's breach notifiable, to the PDPC and (s 26D(2)) the individual.
    [InlineData("pdpa-pdpc", "high", "none", "required")]
    [InlineData("pdpa-individuals", "high", "none", "required")]
    // s 26D(2): a breach notifiable by scale only is not notified to the individuals.
    [InlineData("pdpa-individuals", "risk", "none", "absent")]
    // s 26D(5): a technological measure (encryption) makes significant harm to the individuals unlikely.
    [InlineData("pdpa-individuals", "high", "encrypted", "exempt")]
    public void Significant_harm(string id, string risk, string encryption, string status)
    {
        var c = Breach(risk == "high" ? "SG: 1" : "SG: 600") with { RiskToRights = risk, Encryption = encryption };
        if (status == "required" && id == "pdpa-pdpc") c.Expect(id, status, "2026-11-23T15:59:59Z");
        else c.Expect(id, status);
    }

    [Fact]
    public void Remedial_action_spares_the_individuals() =>
        // s 26D(5)(a): remedial action makes significant harm unlikely.
        (Breach("SG: 1") with { RiskToRights = "high", DataRecovered = true, DataHolder = "known-trusted" }).Expect("pdpa-individuals", "exempt");

    [Theory]
    // s 26C(3)(a): a data intermediary notifies the organisation without undue delay; it does not notify the PDPC.
    [InlineData("pdpa-intermediary-to-organisation", "required")]
    [InlineData("pdpa-pdpc", "absent")]
    public void Data_intermediary(string id, string status) =>
        (Breach() with { Role = "processor" }).Expect(id, status);

    [Fact]
    public void Part_6A_in_force_from_1_February_2021() =>
        (Breach() with { AwareAt = "2021-01-29T09:00:00Z", AssessedAt = "2021-01-30T09:00:00Z" }).Expect("pdpa-pdpc", "absent");
}
