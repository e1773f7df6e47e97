namespace Verdict.Tests.Regimes;

/// <summary>UK GDPR Arts 33 and 34 (reference §2.1: the EU text retained; ICO; no Reg. 1182/71 hour rule encoded).</summary>
public class UkGdprTests
{
    private const string Skipped = "engine: a condition cannot test that an optional finding is absent — `!(assessment.riskToRights in (\"risk\", \"high\"))` is unknown when riskToRights is not given, so the encrypted-key-intact exemption can never fire";

    [Theory]
    // UK GDPR Art 33(1): 72 hours after becoming aware, elapsed on the UTC timeline.
    [InlineData("2026-11-20T16:30:00Z", "2026-11-23T16:30:00Z")]
    // Art 33(1) across the end of British Summer Time (25 Oct 2026): 72 elapsed hours, 11:00 GMT.
    [InlineData("2026-10-24T12:00:00+01:00", "2026-10-27T11:00:00Z")]
    // Art 33(1) across the start of BST (28 Mar 2027).
    [InlineData("2027-03-26T09:00:00Z", "2027-03-29T09:00:00Z")]
    // Art 33(1): hours run through the Christmas bank holidays and the weekend.
    [InlineData("2026-12-24T18:00:00Z", "2026-12-27T18:00:00Z")]
    // Art 33(1): across leap day 2028.
    [InlineData("2028-02-27T23:00:00Z", "2028-03-01T23:00:00Z")]
    public void Ico_within_72_hours(string aware, string due) =>
        new RegimeCase { AwareAt = aware, Subjects = "GB: 100" }.Expect("ukgdpr-art33-ico", "required", due);

    [Theory]
    // Art 33(1): unlikely to result in a risk.
    [InlineData("unlikely", "none", "exempt")]
    // Art 33(1) + ICO guidance: encrypted, key intact, no contrary finding.
    [InlineData(null, "encrypted", "exempt")]
    [InlineData("risk", "encrypted", "required")]
    [InlineData("high", "encrypted-key-compromised", "required")]
    public void Ico_exemptions(string? risk, string encryption, string status)
    {
        var c = new RegimeCase { Subjects = "GB: 100", RiskToRights = risk, Encryption = encryption };
        if (status == "required") c.Expect("ukgdpr-art33-ico", status, "2026-11-23T16:30:00Z");
        else c.Expect("ukgdpr-art33-ico", status);
    }

    [Theory]
    // Art 33(2): processor → controller without undue delay, whatever the risk.
    [InlineData("processor", "unlikely", "ukgdpr-art33-2-controller", "required")]
    [InlineData("processor", "high", "ukgdpr-art33-ico", "absent")]
    [InlineData("processor", "high", "ukgdpr-art34-subjects", "absent")]
    [InlineData("controller", "high", "ukgdpr-art33-2-controller", "absent")]
    // Art 34(1): high risk → individuals without undue delay.
    [InlineData("controller", "high", "ukgdpr-art34-subjects", "required")]
    public void Processor_and_individuals(string role, string risk, string id, string status) =>
        new RegimeCase { Role = role, RiskToRights = risk, Subjects = "GB: 10", Categories = "contact", Records = 10 }.Expect(id, status);

    [Theory]
    // Art 34(3)(a): unintelligible (encrypted) data.
    [InlineData("encrypted", false, "exempt")]
    // Art 34(3)(b): subsequent measures (recovered from a trusted holder).
    [InlineData("none", true, "exempt")]
    [InlineData("none", false, "required")]
    public void Individuals_exemptions(string encryption, bool recovered, string status) =>
        new RegimeCase
        {
            Subjects = "GB: 10", RiskToRights = "high", Encryption = encryption, DataRecovered = recovered,
            DataHolder = recovered ? "known-trusted" : "unknown-party",
        }.Expect("ukgdpr-art34-subjects", status);

    [Theory]
    // Art 3(1) UK GDPR: an establishment in the UK, wherever the people live.
    [InlineData("US-NY: 3", "GB", "required")]
    [InlineData("GB: 1", "", "required")]
    // No UK resident and no UK establishment (an EU resident is the EU GDPR's business).
    [InlineData("IE: 50", "IE", "absent")]
    public void Territorial_scope(string subjects, string establishments, string status)
    {
        var c = new RegimeCase { Subjects = subjects, Establishments = establishments };
        if (status == "required") c.Expect("ukgdpr-art33-ico", status, "2026-11-23T16:30:00Z");
        else c.Expect("ukgdpr-art33-ico", status);
    }

    [Theory]
    // The UK GDPR regime starts at the end of the transition period, 1 Jan 2021 (before it the EU GDPR applied).
    [InlineData("2020-12-30T12:00:00Z", "absent", null)]
    [InlineData("2021-01-04T12:00:00Z", "required", "2021-01-07T12:00:00Z")]
    public void Applies_from_the_end_of_the_transition_period(string aware, string status, string? due) =>
        new RegimeCase { AwareAt = aware, Subjects = "GB: 5" }.Expect("ukgdpr-art33-ico", status, due);
}
