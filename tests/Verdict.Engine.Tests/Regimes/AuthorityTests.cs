using System.Text.Json;
using Verdict.Rendering;

namespace Verdict.Tests.Regimes;

/// <summary>
/// A duty names its recipient and filing channel when the policy states them (data in the bundle, cited and dated,
/// never fetched at decision time): Iowa Code § 715C.2(8) names the director of the Attorney General's consumer
/// protection division, and the Attorney General's page gives the postal address.
/// </summary>
public class AuthorityTests
{
    private static RegimeCase Iowa() => new()
    {
        Subjects = "US-IA: 600", Notices = "us-ia-residents=2026-11-25T15:00:00Z", AwareAt = "2026-11-20T16:30:00Z",
    };

    [Fact]
    public void A_duty_carries_its_authority_by_name_and_channel()
    {
        var row = Assert.Single(Iowa().Rows("us-ia-ag"));
        Assert.NotNull(row.Authority);
        Assert.Equal("Director of the Consumer Protection Division, Office of the Attorney General of Iowa", row.Authority.Name);
        Assert.Contains("Des Moines", row.Authority.Channel);
        Assert.Equal("2026-12-02", row.Authority.AsOf);
    }

    [Fact]
    public void A_duty_whose_policy_names_no_authority_has_none() =>
        Assert.Null(Assert.Single(Iowa().Rows("us-ia-residents")).Authority);

    [Fact]
    public void The_decision_json_writes_the_authority_with_the_duty()
    {
        using var doc = JsonDocument.Parse(DecisionJson.Write(Iowa().Decide()));
        var ag = doc.RootElement.GetProperty("obligations").EnumerateArray().Single(o => o.GetProperty("id").GetString() == "us-ia-ag");
        var authority = ag.GetProperty("authority");
        Assert.Equal("Iowa Attorney General, Security Breach Notifications page", authority.GetProperty("source").GetString());
        Assert.False(doc.RootElement.GetProperty("obligations").EnumerateArray()
            .Single(o => o.GetProperty("id").GetString() == "us-ia-residents").TryGetProperty("authority", out _));
    }
}
