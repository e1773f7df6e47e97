namespace Verdict.Tests.Regimes;

/// <summary>
/// India DPDP Act s 8(6) with DPDP Rules 2025, Rule 7 (reference §6.3): any personal data breach; the Board without
/// delay and a detailed report within 72 hours; each Data Principal without delay. Rule 7 commences about 13–14 May 2027.
/// </summary>
public class DpdpTests
{
    private static RegimeCase Fiduciary(string aware = "2027-06-01T10:00:00Z") => new() { AwareAt = aware, Subjects = "IN: 100" };

    [Theory]
    // Rule 7(2)(a): intimation to the Board without delay (no numeric ceiling).
    [InlineData("initial", null)]
    // Rule 7(2)(b): detailed report within 72 hours of becoming aware.
    [InlineData("final", "2027-06-04T10:00:00Z")]
    public void Board_intimation_and_72_hour_report(string stage, string? due) =>
        Fiduciary().Expect("dpdp-board", "required", due, stage: stage);

    [Fact]
    public void Data_principals_without_delay() =>
        // Rule 7(1): each affected Data Principal without delay.
        Fiduciary().Expect("dpdp-principals", "required", null);

    [Theory]
    // s 8(6) / Rule 7: any breach — no risk, volume or encryption threshold (one person, unlikely risk, encrypted data).
    [InlineData("IN: 1", "", "unlikely", "encrypted", "required")]
    // s 3: processing in India (an Indian establishment) whatever the residence of the people.
    [InlineData("US-CA: 10", "IN", "risk", "none", "required")]
    [InlineData("US-CA: 10", "", "risk", "none", "absent")]
    public void Any_breach(string subjects, string establishments, string risk, string encryption, string status)
    {
        var c = Fiduciary() with { Subjects = subjects, Establishments = establishments, RiskToRights = risk, Encryption = encryption, Categories = "contact", Records = 1 };
        if (status == "required") c.Expect("dpdp-board", status, "2027-06-04T10:00:00Z", stage: "final");
        else c.Expect("dpdp-board", status);
    }

    [Fact]
    public void Fiduciary_duty_only() =>
        (Fiduciary() with { Role = "processor" }).Expect("dpdp-principals", "absent");

    [Theory]
    // Rules 2025, Rule 1(2): Rule 7 commences 18 months after publication (13 Nov 2025) — mid-May 2027.
    [InlineData("2027-05-12T12:00:00Z", "absent", null)]
    [InlineData("2027-05-14T12:00:00Z", "required", "2027-05-17T12:00:00Z")]
    public void Rule_7_not_in_force_before_May_2027(string aware, string status, string? due) =>
        Fiduciary(aware).Expect("dpdp-board", status, due, stage: status == "absent" ? null : "final");
}
