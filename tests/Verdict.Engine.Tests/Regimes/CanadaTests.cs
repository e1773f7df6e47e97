namespace Verdict.Tests.Regimes;

/// <summary>
/// Canada PIPEDA ss 10.1-10.3 (reference §5.1) and Québec Private Sector Act ss 3.5-3.8 (Law 25, §5.2): as soon as
/// feasible / promptly — no numeric ceiling — when there is a real risk of significant harm / a risk of serious injury.
/// </summary>
public class CanadaTests
{
    [Theory]
    // PIPEDA s 10.1(1)/(3): RROSH → the Commissioner and the individuals, as soon as feasible.
    [InlineData("pipeda-opc", "high", "contact", "required")]
    [InlineData("pipeda-individuals", "high", "contact", "required")]
    // No real risk of significant harm (risk only, low severity): record it (s 10.3), no notice.
    [InlineData("pipeda-opc", "risk", "contact", "absent")]
    // Without the controller's assessment, significant harm is derived from the facts: financial data held by an
    // unknown party (risk/personal-data-breach: significant severity x significant likelihood = high).
    [InlineData("pipeda-individuals", null, "financial", "required")]
    // The controller's documented assessment overrides the derived risk (the decision flags the disagreement).
    [InlineData("pipeda-individuals", "risk", "financial", "absent")]
    public void Pipeda_real_risk_of_significant_harm(string id, string? risk, string categories, string status) =>
        new RegimeCase { Subjects = "CA: 5", RiskToRights = risk, Categories = categories, Records = 5 }.Expect(id, status, null);

    [Theory]
    // PIPEDA s 10.1: the organization in control of the information.
    [InlineData("processor", "absent")]
    [InlineData("controller", "required")]
    public void Pipeda_organization_in_control(string role, string status) =>
        new RegimeCase { Subjects = "CA-ON: 5", RiskToRights = "high", Role = role }.Expect("pipeda-opc", status);

    [Fact]
    public void Pipeda_breach_rules_from_1_November_2018() =>
        new RegimeCase { AwareAt = "2018-10-31T12:00:00Z", Subjects = "CA: 5", RiskToRights = "high" }.Expect("pipeda-opc", "absent");

    [Theory]
    // Québec s 3.5: risk of serious injury → the Commission d'accès à l'information and the persons concerned, promptly.
    [InlineData("qc-cai", "CA-QC: 3", "high", "required")]
    [InlineData("qc-persons", "CA-QC: 3", "high", "required")]
    [InlineData("qc-cai", "CA-QC: 3", "risk", "absent")]
    // Only people in Québec bring the Québec Act into play.
    [InlineData("qc-cai", "CA-ON: 3", "high", "absent")]
    public void Quebec_risk_of_serious_injury(string id, string subjects, string risk, string status) =>
        new RegimeCase { Subjects = subjects, RiskToRights = risk, Categories = "contact", Records = 3 }.Expect(id, status, null);

    [Fact]
    public void Quebec_from_22_September_2022() =>
        new RegimeCase { AwareAt = "2022-09-21T12:00:00Z", Subjects = "CA-QC: 3", RiskToRights = "high" }.Expect("qc-cai", "absent");
}
