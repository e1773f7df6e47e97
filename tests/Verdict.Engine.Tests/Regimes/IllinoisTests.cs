namespace Verdict.Tests.Regimes;

/// <summary>
/// 815 ILCS 530/10 (reference §4.8): residents in the most expedient time possible (no numeric ceiling); the Attorney
/// General when more than 500 residents are affected; a maintainer tells the owner immediately; no risk-of-harm exemption.
/// </summary>
public class IllinoisTests
{
    [Theory]
    // 530/10(e)(1): "more than 500 Illinois residents" as a result of a single breach.
    [InlineData("US-IL: 499", "absent")]
    [InlineData("US-IL: 500", "absent")]
    [InlineData("US-IL: 501", "required")]
    public void Attorney_general_above_500(string subjects, string status) =>
        new RegimeCase { Subjects = subjects }.Expect("us-il-ag", status);

    [Theory]
    // 530/10(a): most expedient time possible — no numeric ceiling.
    [InlineData("risk", "required")]
    // No risk-of-harm exemption in 530/10: an "unlikely" finding does not spare the notice.
    [InlineData("unlikely", "required")]
    public void Residents_without_a_risk_of_harm_exemption(string risk, string status) =>
        new RegimeCase { Subjects = "US-IL: 3", RiskToRights = risk }.Expect("us-il-residents", status, null);

    [Theory]
    // 530/10(a): encrypted or redacted data unless the key was acquired.
    [InlineData("encrypted", "exempt")]
    [InlineData("encrypted-key-compromised", "required")]
    public void Encryption_safe_harbor(string encryption, string status) =>
        new RegimeCase { Subjects = "US-IL: 3", Encryption = encryption }.Expect("us-il-residents", status);

    [Theory]
    // 530/10(b): a maintainer notifies the owner or licensee immediately following discovery.
    [InlineData("processor", "us-il-maintainer-to-owner", "required")]
    [InlineData("processor", "us-il-residents", "absent")]
    public void Maintainer_notifies_the_owner(string role, string id, string status) =>
        new RegimeCase { Subjects = "US-IL: 3", Role = role }.Expect(id, status);
}
