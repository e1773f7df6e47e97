namespace Verdict.Tests.Regimes;

/// <summary>
/// Brazil LGPD Art 48 with ANPD Resolution 15/2024 (reference §5.3, §8.4): the ANPD and the data subjects within 3 business
/// days (dias úteis) of knowledge — 6 for small processing agents — excluding the day of knowledge; supplement within 20
/// business days of the communication. National holidays from calendars/br-national; end of day in America/Sao_Paulo.
/// </summary>
public class LgpdTests
{
    private static RegimeCase Controller(string aware = "2026-11-20T16:30:00Z", string notices = "") =>
        new() { AwareAt = aware, Subjects = "BR: 100", Notices = notices };

    [Theory]
    // Res. 15/2024: 3 business days; from Friday 13 Feb 2026, Carnival Monday and Tuesday are skipped: Wed, Thu, Fri 20 Feb.
    [InlineData("2026-02-13T12:00:00Z", "2026-02-21T02:59:59Z")]
    // Leap day 29 Feb 2028 is Carnival Tuesday: Mon 28 and Tue 29 skipped → Wed 1, Thu 2, Fri 3 Mar.
    [InlineData("2028-02-25T15:00:00Z", "2028-03-04T02:59:59Z")]
    // Month end: Thu 30 Apr 2026, 1 May (Labour Day, Friday) skipped → Mon 4, Tue 5, Wed 6 May.
    [InlineData("2026-04-30T15:00:00Z", "2026-05-07T02:59:59Z")]
    // 23:30 in São Paulo on Thu 19 Nov 2026 (already 20 Nov in UTC): count from the Brazilian date; 20 Nov (Consciência Negra)
    // skipped → Mon 23, Tue 24, Wed 25.
    [InlineData("2026-11-19T23:30:00-03:00", "2026-11-26T02:59:59Z")]
    // Christmas (Friday 25 Dec 2026) skipped: Thu 24, Mon 28, Tue 29.
    [InlineData("2026-12-23T15:00:00Z", "2026-12-30T02:59:59Z")]
    public void Three_business_days_of_knowledge(string aware, string due)
    {
        Controller(aware).Expect("lgpd-anpd", "required", due, stage: "initial");
        Controller(aware).Expect("lgpd-subjects", "required", due);
    }

    [Fact]
    public void Supplement_within_20_business_days_of_the_communication() =>
        // Res. 15/2024: 20 business days after the communication submitted Wed 18 Feb 2026 → Wed 18 Mar.
        Controller("2026-02-13T12:00:00Z", "lgpd-anpd=2026-02-18T18:00:00Z").Expect("lgpd-anpd", "required", "2026-03-19T02:59:59Z", stage: "final");

    [Fact]
    public void Supplement_waits_for_the_communication() =>
        Controller().Expect("lgpd-anpd", "indeterminate", stage: "final", missing: "notices.lgpd-anpd");

    [Theory]
    // Res. 15/2024 with Res. 2/2022: the period is doubled for small processing agents — 6 business days from Fri 13 Feb 2026.
    [InlineData(true, "lgpd-anpd-small-agent", "required", "2026-02-26T02:59:59Z")]
    [InlineData(true, "lgpd-anpd", "exempt", null)]
    // Not a small agent, or not said to be one: the 3-day period governs (the doubling is the agent's to claim).
    [InlineData(false, "lgpd-anpd-small-agent", "absent", null)]
    [InlineData(null, "lgpd-anpd-small-agent", "absent", null)]
    [InlineData(null, "lgpd-anpd", "required", "2026-02-21T02:59:59Z")]
    public void Small_agents_have_double(bool? small, string id, string status, string? due) =>
        (Controller("2026-02-13T12:00:00Z") with { SmallAgent = small }).Expect(id, status, due, stage: id == "lgpd-anpd" || id == "lgpd-anpd-small-agent" ? "initial" : null);

    [Fact]
    public void Small_agent_subjects_within_6_business_days() =>
        (Controller("2026-02-13T12:00:00Z") with { SmallAgent = true }).Expect("lgpd-subjects-small-agent", "required", "2026-02-26T02:59:59Z");

    [Theory]
    // Res. 15/2024 relevant risk: may significantly affect data subjects AND involves a listed kind of data.
    // Contact data only (not listed), low severity: no communication.
    [InlineData("contact", "customers", "risk", "unknown-party", "absent")]
    // Data of children or adolescents is listed.
    [InlineData("contact", "minors", "risk", "unknown-party", "required")]
    // Financial data is listed.
    [InlineData("financial", "customers", "risk", "unknown-party", "required")]
    // Financial data, but no significant effect (unlikely; medium severity — recovered by a trusted holder).
    [InlineData("financial", "customers", "unlikely", "known-trusted", "absent")]
    public void Relevant_risk_gate(string categories, string subjectTypes, string risk, string holder, string status)
    {
        var c = Controller("2026-02-13T12:00:00Z") with { Categories = categories, SubjectTypes = subjectTypes, RiskToRights = risk, DataHolder = holder, Records = 100 };
        if (status == "required") c.Expect("lgpd-subjects", status, "2026-02-21T02:59:59Z");
        else c.Expect("lgpd-subjects", status);
    }

    [Fact]
    public void Controller_duty_only() =>
        // LGPD Art 48: the controller communicates (the operator informs the controller).
        (Controller() with { Role = "processor" }).Expect("lgpd-subjects", "absent");

    [Fact]
    public void Resolution_15_in_force_from_26_April_2024() =>
        // Res. 15/2024 in force 26 Apr 2024 (Fri): Mon 29 (1), Tue 30 (2), 1 May skipped, Thu 2 May (3).
        Controller("2024-04-26T15:00:00Z").Expect("lgpd-subjects", "required", "2024-05-03T02:59:59Z");
}
