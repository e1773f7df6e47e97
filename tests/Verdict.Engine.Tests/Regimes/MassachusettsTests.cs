namespace Verdict.Tests.Regimes;

/// <summary>
/// M.G.L. c. 93H § 3 (reference §4.7): residents, the Attorney General and OCABR, as soon as practicable and without
/// unreasonable delay (no numeric ceiling), with no threshold, when the breach creates a substantial risk of identity theft or fraud.
/// </summary>
public class MassachusettsTests
{
    [Theory]
    // § 3(b): AG and OCABR and residents — no threshold (one resident), no numeric ceiling (dueAt null).
    [InlineData("us-ma-residents")]
    [InlineData("us-ma-ag")]
    [InlineData("us-ma-ocabr")]
    public void Everyone_as_soon_as_practicable(string id) =>
        new RegimeCase { Subjects = "US-MA: 1", Categories = "government-id" }.Expect(id, "required", null);

    [Theory]
    // § 1 "breach of security": only one that creates a substantial risk of identity theft or fraud.
    [InlineData("unlikely", "absent")]
    [InlineData("risk", "required")]
    [InlineData(null, "indeterminate")]
    public void Substantial_risk_is_the_trigger(string? risk, string status) =>
        new RegimeCase { Subjects = "US-MA: 10", RiskToRights = risk }.Expect("us-ma-ag", status);

    [Theory]
    // § 1: "encrypted" data (128-bit) is outside the breach unless the key was acquired.
    [InlineData("encrypted", "exempt")]
    [InlineData("encrypted-key-compromised", "required")]
    public void Encryption_safe_harbor(string encryption, string status) =>
        new RegimeCase { Subjects = "US-MA: 10", Encryption = encryption }.Expect("us-ma-residents", status);
}
