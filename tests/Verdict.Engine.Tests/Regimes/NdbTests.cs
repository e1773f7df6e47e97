namespace Verdict.Tests.Regimes;

/// <summary>
/// Australia Privacy Act Part IIIC (reference §6.1): an eligible data breach (likely to result in serious harm, not
/// prevented by remedial action) → statement to the OAIC and notice to individuals as soon as practicable (no ceiling).
/// </summary>
public class NdbTests
{
    [Theory]
    // s 26WE/26WK/26WL: likely serious harm → OAIC and individuals as soon as practicable.
    [InlineData("ndb-oaic", "high", false, "required")]
    [InlineData("ndb-individuals", "high", false, "required")]
    // s 26WE(2): not likely to result in serious harm (risk only, low severity) → not eligible.
    [InlineData("ndb-oaic", "risk", false, "absent")]
    // s 26WF: remedial action before serious harm → not an eligible data breach.
    [InlineData("ndb-oaic", "high", true, "exempt")]
    [InlineData("ndb-individuals", "high", true, "exempt")]
    public void Eligible_data_breach(string id, string risk, bool remedied, string status) =>
        new RegimeCase
        {
            Subjects = "AU: 10", RiskToRights = risk, Categories = "contact", Records = 10,
            DataRecovered = remedied, DataHolder = remedied ? "known-trusted" : "unknown-party",
        }.Expect(id, status, null);

    [Theory]
    // Part IIIC applies to an APP entity in Australia whatever the residence of the people.
    [InlineData("NZ: 10", "AU", "required")]
    [InlineData("NZ: 10", "", "absent")]
    public void Territorial_scope(string subjects, string establishments, string status) =>
        new RegimeCase { Subjects = subjects, Establishments = establishments, RiskToRights = "high" }.Expect("ndb-oaic", status, null);

    [Fact]
    public void Scheme_from_22_February_2018() =>
        new RegimeCase { AwareAt = "2018-02-21T01:00:00Z", Subjects = "AU: 10", RiskToRights = "high" }.Expect("ndb-oaic", "absent");
}
