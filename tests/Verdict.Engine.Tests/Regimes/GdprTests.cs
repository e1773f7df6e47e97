namespace Verdict.Tests.Regimes;

/// <summary>EU GDPR Arts 33 and 34 (reference §1.1–1.3; §8.2 for the hour rule), from the law's text.</summary>
public class GdprTests
{
    [Theory]
    // Art 33(1): "not later than 72 hours after having become aware"; Reg. 1182/71 Art 3(1): the legal count starts at the next full hour.
    [InlineData("2026-11-20T16:30:00Z", "2026-11-23T16:30:00Z", "2026-11-23T17:00:00Z")]
    // 1182/71 Art 3(1): "the hour during which that event occurs" is not counted — an awareness at 16:00:00 falls in the hour
    // 16:00-17:00, so the legal period starts at 17:00 (the reference's shorthand ceil_to_hour(t0) gives 16:00 at this boundary).
    [InlineData("2026-11-20T16:00:00Z", "2026-11-23T16:00:00Z", "2026-11-23T17:00:00Z")]
    // Art 33(1) + §8.2: hours run on the UTC timeline across the end of summer time in Brussels (25 Oct 2026): 72 elapsed hours.
    [InlineData("2026-10-23T22:15:00+02:00", "2026-10-26T20:15:00Z", "2026-10-26T21:00:00Z")]
    // Art 33(1): across the start of summer time (28 Mar 2027) still 72 elapsed hours.
    [InlineData("2027-03-26T10:40:00+01:00", "2027-03-29T09:40:00Z", "2027-03-29T10:00:00Z")]
    // Art 33(1) + 1182/71 Art 3(4) applies only to periods not in hours: no roll-forward over Christmas and the weekend.
    [InlineData("2026-12-25T08:45:00Z", "2026-12-28T08:45:00Z", "2026-12-28T09:00:00Z")]
    // Art 33(1): 72 hours across leap day 2028-02-29 (three days, not four).
    [InlineData("2028-02-28T12:05:00Z", "2028-03-02T12:05:00Z", "2028-03-02T13:00:00Z")]
    // Art 33(1): across the year end; the next full hour is midnight.
    [InlineData("2026-12-30T23:30:00Z", "2027-01-02T23:30:00Z", "2027-01-03T00:00:00Z")]
    public void Supervisory_authority_within_72_hours_of_awareness(string aware, string due, string? legal) =>
        new RegimeCase { AwareAt = aware }.Expect("gdpr-art33-sa", "required", due, legal);

    [Theory]
    // Art 33(1): "unless the personal data breach is unlikely to result in a risk" — the controller's own finding exempts.
    [InlineData("unlikely", "none", "exempt")]
    // Art 33(1) + EDPB 9/2022: state-of-the-art encryption with the key intact makes a risk unlikely (no contrary finding).
    [InlineData(null, "encrypted", "exempt")]
    // Art 33(1): encryption does not exempt once the controller itself found a risk.
    [InlineData("risk", "encrypted", "required")]
    // EDPB 9/2022: encryption whose key was compromised protects nothing.
    [InlineData(null, "encrypted-key-compromised", "required")]
    // Art 33(1): any risk (low threshold) is enough.
    [InlineData("risk", "none", "required")]
    public void Supervisory_authority_exemption_only_when_risk_is_unlikely(string? risk, string encryption, string status)
    {
        var c = new RegimeCase { RiskToRights = risk, Encryption = encryption };
        if (status == "required") c.Expect("gdpr-art33-sa", status, "2026-11-23T16:30:00Z", "2026-11-23T17:00:00Z");
        else c.Expect("gdpr-art33-sa", status);
    }

    [Theory]
    // Art 33(2): the processor informs the controller "without undue delay" — no threshold, no numeric ceiling (due null).
    [InlineData("processor", "gdpr-art33-2-controller", "required")]
    // Art 33(1): the processor has no duty towards the authority of its own.
    [InlineData("processor", "gdpr-art33-sa", "absent")]
    [InlineData("controller", "gdpr-art33-2-controller", "absent")]
    [InlineData("joint-controller", "gdpr-art33-sa", "required")]
    // Art 33(1)/(2): who is obliged depends on the role; without it the duty cannot be decided.
    [InlineData(null, "gdpr-art33-sa", "indeterminate")]
    [InlineData(null, "gdpr-art33-2-controller", "indeterminate")]
    public void Processor_informs_the_controller(string? role, string id, string status)
    {
        var c = new RegimeCase { Role = role };
        if (id == "gdpr-art33-sa" && status == "required") c.Expect(id, status, "2026-11-23T16:30:00Z", "2026-11-23T17:00:00Z");
        else if (status == "indeterminate") c.Expect(id, status, missing: "organization.role");
        else c.Expect(id, status);
    }

    [Fact]
    public void Processor_duty_has_no_risk_threshold() =>
        // Art 33(2): "after becoming aware of a personal data breach" — even one unlikely to result in a risk.
        new RegimeCase { Role = "processor", RiskToRights = "unlikely", Categories = "contact", Records = 5 }
            .Expect("gdpr-art33-2-controller", "required");

    [Theory]
    // Art 34(1): high risk → data subjects without undue delay (no numeric ceiling).
    [InlineData("high", "contact", "none", false, "required")]
    // Art 34(1): a mere risk (low severity: contact data of 10 people) does not reach the subjects.
    [InlineData("risk", "contact", "none", false, "absent")]
    // Art 34(3)(a): data rendered unintelligible (encryption).
    [InlineData("high", "financial", "encrypted", false, "exempt")]
    // Art 34(3)(a) does not apply when the key was compromised.
    [InlineData("high", "financial", "encrypted-key-compromised", false, "required")]
    // Art 34(3)(b): subsequent measures — data recovered from a known, trusted holder.
    [InlineData("high", "financial", "none", true, "exempt")]
    public void Data_subjects_when_the_risk_is_high(string risk, string categories, string encryption, bool recovered, string status) =>
        new RegimeCase
        {
            RiskToRights = risk, Categories = categories, Records = 10, Subjects = "FR: 10", Encryption = encryption,
            DataRecovered = recovered, DataHolder = recovered ? "known-trusted" : "unknown-party",
        }.Expect("gdpr-art34-subjects", status);

    [Theory]
    // Art 3(1): a controller established in the Union, whatever the residence of the people.
    [InlineData("US-CA: 10", "IE", "required")]
    // Art 3(2) + EEA Agreement: people in Norway, Iceland, Liechtenstein are covered.
    [InlineData("NO: 1", "", "required")]
    [InlineData("IS: 1", "", "required")]
    [InlineData("LI: 1", "", "required")]
    // Threshold: one person in the EEA is enough (Art 33 has no volume threshold).
    [InlineData("DE: 1", "", "required")]
    // No EEA resident and no EEA establishment: the GDPR does not reach the incident.
    [InlineData("US-CA: 10, GB: 5, CH: 3", "", "absent")]
    public void Territorial_scope(string subjects, string establishments, string status)
    {
        var c = new RegimeCase { Subjects = subjects, Establishments = establishments };
        if (status == "required") c.Expect("gdpr-art33-sa", status, "2026-11-23T16:30:00Z", "2026-11-23T17:00:00Z");
        else c.Expect("gdpr-art33-sa", status);
    }

    [Theory]
    // Art 99(2): the GDPR applies from 25 May 2018.
    [InlineData("2018-05-24T12:00:00Z", "absent", null, null)]
    [InlineData("2018-05-25T12:10:00Z", "required", "2018-05-28T12:10:00Z", "2018-05-28T13:00:00Z")]
    public void Applies_from_25_May_2018(string aware, string status, string? due, string? legal) =>
        new RegimeCase { AwareAt = aware }.Expect("gdpr-art33-sa", status, due, legal);
}
