namespace Verdict.Tests.Regimes;

/// <summary>
/// N.Y. Gen. Bus. Law § 899-aa as amended by S2659B (Dec 2024) and S2376B (21 Mar 2025) (reference §4.2; calendar days
/// ending 23:59:59 New York time, no roll-forward, §8.3).
/// </summary>
public class NewYorkTests
{
    private static RegimeCase Breach(string aware = "2026-11-20T16:30:00Z", string subjects = "US-NY: 100", string categories = "financial") =>
        new() { AwareAt = aware, Subjects = subjects, Categories = categories };

    [Theory]
    // § 899-aa(2) (S2659B): within 30 days after discovery; day 30 (4 Nov 2026) is after the end of daylight time.
    [InlineData("2026-10-05T14:00:00Z", "2026-11-05T04:59:59Z")]
    // Day 30 from 30 Jan 2028 is leap day 29 Feb 2028.
    [InlineData("2028-01-30T15:00:00Z", "2028-03-01T04:59:59Z")]
    // Day 30 from 20 Nov 2026 is Sunday 20 Dec: no roll-forward in the statute.
    [InlineData("2026-11-20T16:30:00Z", "2026-12-21T04:59:59Z")]
    public void Residents_within_30_days(string aware, string due) =>
        Breach(aware).Expect("us-ny-residents", "required", due);

    [Theory]
    // § 899-aa(8)(a): whenever residents are notified — AG, Department of State, State Police and (since S2659B) DFS,
    // with no threshold (one resident) and no statutory period.
    [InlineData("us-ny-ag")]
    [InlineData("us-ny-dos")]
    [InlineData("us-ny-state-police")]
    [InlineData("us-ny-dfs")]
    public void Regulators_whenever_residents_are_notified(string id) =>
        Breach(subjects: "US-NY: 1").Expect(id, "required", null);

    [Theory]
    // § 899-aa(8)(b): more than 5,000 New York residents → consumer reporting agencies.
    [InlineData("US-NY: 4999", "absent")]
    [InlineData("US-NY: 5000", "absent")]
    [InlineData("US-NY: 5001", "required")]
    public void Consumer_reporting_agencies_above_5000(string subjects, string status) =>
        Breach(subjects: subjects).Expect("us-ny-cras", status);

    [Theory]
    // Before S2659B (Dec 2024): no 30-day ceiling and no DFS notice.
    [InlineData("2024-12-10T15:00:00Z", "us-ny-residents", "required", null)]
    [InlineData("2024-12-10T15:00:00Z", "us-ny-dfs", "absent", null)]
    // After S2659B: 30 days (10 Feb 2025 ends 23:59:59 EST) and DFS.
    [InlineData("2025-01-10T15:00:00Z", "us-ny-residents", "required", "2025-02-10T04:59:59Z")]
    [InlineData("2025-01-10T15:00:00Z", "us-ny-dfs", "required", null)]
    public void S2659B_adds_the_30_day_ceiling_and_DFS(string aware, string id, string status, string? due) =>
        Breach(aware).Expect(id, status, due);

    [Theory]
    // S2376B: medical and health-insurance information is private information from 21 Mar 2025.
    [InlineData("2025-03-10T15:00:00Z", "absent", null)]
    [InlineData("2025-03-25T15:00:00Z", "required", "2025-04-25T03:59:59Z")]
    public void Health_information_from_21_March_2025(string aware, string status, string? due) =>
        Breach(aware, categories: "health").Expect("us-ny-residents", status, due);

    [Theory]
    // § 899-aa(3): a maintainer notifies the owner within 30 days after discovery.
    [InlineData("processor", "us-ny-maintainer-to-owner", "required")]
    [InlineData("processor", "us-ny-residents", "absent")]
    public void Maintainer_notifies_the_owner(string role, string id, string status)
    {
        var c = Breach("2026-11-20T15:00:00Z") with { Role = role };
        if (status == "required") c.Expect(id, status, "2026-12-21T04:59:59Z");
        else c.Expect(id, status);
    }

    [Theory]
    // § 899-aa(1): encrypted private information is covered only when the key was also acquired.
    [InlineData("encrypted", "us-ny-residents", "exempt")]
    [InlineData("encrypted", "us-ny-ag", "exempt")]
    [InlineData("encrypted-key-compromised", "us-ny-residents", "required")]
    public void Encryption_safe_harbor(string encryption, string id, string status)
    {
        var c = Breach() with { Encryption = encryption };
        if (status == "required") c.Expect(id, status, "2026-12-21T04:59:59Z");
        else c.Expect(id, status);
    }
}
