namespace Verdict.Tests.Regimes;

/// <summary>
/// Switzerland revFADP Art 24 (reference §6.7): a breach likely to lead to a high risk → the FDPIC as quickly as possible
/// (no ceiling); a processor tells the controller of any breach; data subjects when needed for their protection.
/// </summary>
public class FadpTests
{
    [Theory]
    // Art 24(1): high risk → FDPIC as quickly as possible.
    [InlineData("fadp-fdpic", "controller", "high", "required")]
    [InlineData("fadp-fdpic", "controller", "risk", "absent")]
    // Art 24(4): data subjects when required for their protection (the policy assumes so whenever the risk is high).
    [InlineData("fadp-subjects", "controller", "high", "required")]
    // Art 24(3): the processor reports any breach to the controller — no risk threshold.
    [InlineData("fadp-processor-to-controller", "processor", "unlikely", "required")]
    [InlineData("fadp-fdpic", "processor", "high", "absent")]
    public void Notifications(string id, string role, string risk, string status) =>
        new RegimeCase { Subjects = "CH: 3", Role = role, RiskToRights = risk, Categories = "contact", Records = 3 }.Expect(id, status, null);

    [Theory]
    // Art 24 applies to a controller established in Switzerland; the revised Act is in force from 1 Sep 2023.
    [InlineData("2026-11-20T16:30:00Z", "US-NY: 3", "CH", "required")]
    [InlineData("2023-08-31T12:00:00Z", "CH: 3", "", "absent")]
    [InlineData("2023-09-01T12:00:00Z", "CH: 3", "", "required")]
    public void Scope_and_date(string aware, string subjects, string establishments, string status) =>
        new RegimeCase { AwareAt = aware, Subjects = subjects, Establishments = establishments, RiskToRights = "high" }.Expect("fadp-fdpic", status, null);
}
