namespace Verdict.Tests.Regimes;

/// <summary>
/// Japan APPI Art 26 with PPC Rules Arts 7-10 (reference §6.5): the PPC — preliminary report promptly, final report within
/// 30 days (60 days for a leak possibly committed for an unlawful purpose) — and the individuals promptly. Calendar days
/// ending 23:59:59 Asia/Tokyo.
/// </summary>
public class AppiTests
{
    private static RegimeCase Leak(string aware = "2026-11-20T16:00:00Z", string subjects = "JP: 100") =>
        new() { AwareAt = aware, Subjects = subjects, Categories = "payment-card" };

    [Theory]
    // Rules Art 8(2): final report within 30 days; 16:00 UTC on 20 Nov is 21 Nov in Tokyo → 21 Dec.
    [InlineData("2026-11-20T16:00:00Z", "2026-12-21T14:59:59Z")]
    // 30 days from 30 Jan 2028 is leap day 29 Feb 2028.
    [InlineData("2028-01-30T03:00:00Z", "2028-02-29T14:59:59Z")]
    public void Final_report_within_30_days(string aware, string due)
    {
        Leak(aware).Expect("appi-ppc", "required", due, stage: "final");
        // Rules Art 8(1): the preliminary report is "prompt" — no numeric ceiling.
        Leak(aware).Expect("appi-ppc", "required", null, stage: "initial");
    }

    [Theory]
    // Rules Art 7(iii) + 8(2): unlawful purpose (unauthorized access) → 60 days; 20 Nov 2026 + 60 = 19 Jan 2027.
    [InlineData("appi-ppc-unlawful-purpose", "required", "2027-01-19T14:59:59Z")]
    [InlineData("appi-ppc", "absent", null)]
    public void Unlawful_purpose_gets_60_days(string id, string status, string? due) =>
        (Leak("2026-11-20T03:00:00Z") with { Cause = "intrusion", Categories = "contact", Records = 1, Subjects = "JP: 1" }).Expect(id, status, due, stage: status == "absent" ? null : "final");

    [Theory]
    // Rules Art 7(iv): "more than 1,000" data subjects (contact data, no other trigger).
    [InlineData("JP: 999", "", "absent")]
    [InlineData("JP: 1000", "", "absent")]
    [InlineData("JP: 1001", "", "required")]
    // A business in Japan counts every data subject.
    [InlineData("US-CA: 1001", "JP", "required")]
    public void More_than_1000(string subjects, string establishments, string status)
    {
        var c = Leak(subjects: subjects) with { Categories = "contact", Establishments = establishments, Records = 1001 };
        if (status == "required") c.Expect("appi-ppc", status, "2026-12-21T14:59:59Z", stage: "final");
        else c.Expect("appi-ppc", status);
    }

    [Theory]
    // Rules Art 7(i): special care-required personal information — from one person.
    [InlineData("health", "required")]
    // Rules Art 7(ii): data whose misuse may cause property damage — from one person.
    [InlineData("credentials", "required")]
    public void Sensitive_or_property_data_from_one_person(string categories, string status) =>
        (Leak(subjects: "JP: 1") with { Categories = categories, Records = 1 }).Expect("appi-ppc", status, "2026-12-21T14:59:59Z", stage: "final");

    [Theory]
    // Rules Art 7: data protected by advanced encryption is excluded.
    [InlineData("appi-ppc", "encrypted", "exempt")]
    [InlineData("appi-individuals", "encrypted", "exempt")]
    [InlineData("appi-individuals", "none", "required")]
    public void Encryption(string id, string encryption, string status) =>
        (Leak() with { Encryption = encryption }).Expect(id, status, stage: id == "appi-ppc" ? "final" : null);

    [Fact]
    public void Mandatory_from_1_April_2022() =>
        // 2020 amendment, mandatory reporting from 1 Apr 2022 (voluntary before).
        Leak("2022-03-30T03:00:00Z").Expect("appi-ppc", "absent");
}
