using Verdict.Diagnostics;
using Verdict.Salesforce.Mapping;

namespace Verdict.Salesforce.Tests;

/// <summary>The mapping file is validated like a policy: its own schema, located errors.</summary>
public sealed class MapLoaderTests
{
    private static Diagnostic Error(string yaml) =>
        Assert.Throws<VerdictException>(() => MapLoader.LoadText(yaml, "map.yaml")).Diagnostics[0];

    [Fact]
    public void An_unknown_key_is_an_error_at_its_line()
    {
        var d = Error(Maps.Minimal + "colour: blue\n");
        Assert.Equal(Codes.UnknownKey, d.Code);
        Assert.Equal(18, d.Location!.Line);
    }

    [Fact]
    public void A_map_without_an_org_time_zone_is_refused()
    {
        var d = Error(Maps.Minimal.Replace("  timeZone: Europe/Berlin\n", "  id: 00D5g000004XyZa\n"));
        Assert.Equal(Codes.MissingKey, d.Code);
    }

    [Fact]
    public void A_time_zone_that_is_not_iana_is_an_error_at_its_value()
    {
        var d = Error(Maps.Minimal.Replace("Europe/Berlin", "Mars/Olympus"));
        Assert.Equal(Codes.BadValue, d.Code);
        Assert.Equal(new SourceLocation("map.yaml", 6, 13), d.Location);
        Assert.Equal("`Mars/Olympus` is not an IANA time zone", d.Message);
    }

    [Fact]
    public void A_category_outside_the_facts_vocabulary_is_refused()
    {
        var d = Error(Maps.Minimal + "objects:\n  Contact:\n    fields:\n      Email: [emailish]\n");
        Assert.Equal(Codes.NotAllowedValue, d.Code);
        Assert.Equal(21, d.Location!.Line);
    }

    [Fact]
    public void One_user_cannot_be_two_actors()
    {
        var twice = Maps.Minimal.Replace("people:", """
              - id: other-agent
                kind: agent
                purpose: customer-support
                match:
                  users: [0055g00000AgEnT]
            people:
            """);
        var d = Error(twice);
        Assert.Equal(Codes.BadValue, d.Code);
        Assert.Equal("`0055g00000AgEnT` already identifies the actor `support-agent-v3`", d.Message);
    }

    [Fact]
    public void An_eighteen_character_id_in_a_log_finds_the_fifteen_character_id_of_the_map()
    {
        var map = MapLoader.LoadText(Maps.Minimal);
        Assert.Equal("support-agent-v3", map.Resolve("0055g00000AgEnTAAQ", null, null, null)?.Id);
    }

    [Fact]
    public void User_ids_are_case_sensitive_and_usernames_are_not()
    {
        var map = MapLoader.LoadText(Maps.Minimal.Replace("users: [0055g00000AgEnT]", "users: [0055g00000AgEnT, Agent@Saas.example]"));
        Assert.Null(map.Resolve("0055g00000AGENT", null, null, null));
        Assert.Equal("support-agent-v3", map.Resolve(null, "agent@saas.EXAMPLE", null, null)?.Id);
    }

    [Fact]
    public void The_connected_app_identifies_the_actor_before_the_user()
    {
        var map = MapLoader.LoadText(Maps.Minimal.Replace("people:", """
              - id: gateway
                kind: integration
                purpose: customer-support
                match:
                  connectedApps: [0H45g000000GaTe]
            people:
            """));
        Assert.Equal("gateway", map.Resolve("0055g00000AgEnT", null, "0H45g000000GaTe", null)?.Id);
    }
}
