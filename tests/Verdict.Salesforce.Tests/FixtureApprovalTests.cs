using Verdict.Facts;

namespace Verdict.Salesforce.Tests;

/// <summary>
/// The fixtures are event logs written from the documented formats, with the malformed lines real exports have; their
/// facts and their bad-line reports are approved files.
/// </summary>
public sealed class FixtureApprovalTests
{
    public static TheoryData<string> Fixtures => new() { "eventlogfile", "realtime" };

    [Theory, MemberData(nameof(Fixtures))]
    public void Facts_from_the_fixture_logs_are_the_approved_ones(string fixture)
    {
        var c = Pipeline.Collect(Repo.Fixtures(fixture), Repo.Fixtures(fixture, "map.yaml"));
        Approval.Verify(Repo.PathOf("tests", "Verdict.Salesforce.Tests", "Approved", fixture + ".facts.json"), Pipeline.Facts(c, Repo.Fixtures("base.yaml")));
    }

    [Theory, MemberData(nameof(Fixtures))]
    public void Bad_lines_of_the_fixture_logs_are_reported_with_their_place(string fixture)
    {
        var c = Pipeline.Collect(Repo.Fixtures(fixture), Repo.Fixtures(fixture, "map.yaml"));
        Approval.Verify(Repo.PathOf("tests", "Verdict.Salesforce.Tests", "Approved", fixture + ".badlines.txt"), Pipeline.BadLines(c));
    }

    [Theory, MemberData(nameof(Fixtures))]
    public void Facts_from_the_fixture_logs_load_as_incident_facts(string fixture)
    {
        var c = Pipeline.Collect(Repo.Fixtures(fixture), Repo.Fixtures(fixture, "map.yaml"));
        var facts = FactsLoader.LoadText(Pipeline.Facts(c, Repo.Fixtures("base.yaml")));
        Assert.NotEmpty(facts.Access);
        Assert.True(facts.Has("evidence"));
    }
}
