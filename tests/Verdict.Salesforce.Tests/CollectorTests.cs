using NodaTime;
using Verdict.Salesforce.Events;
using Verdict.Salesforce.Facts;
using Verdict.Salesforce.Mapping;

namespace Verdict.Salesforce.Tests;

/// <summary>How events become access groups, people counts, the first anomalous instant and violations.</summary>
public sealed class CollectorTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private const string BulkHeader = "\"EVENT_TYPE\",\"TIMESTAMP_DERIVED\",\"USER_ID\",\"ENTITY_TYPE\",\"ROWS_PROCESSED\"\n";

    private static string Bulk(string at, string obj, int rows, string user = "0055g00000AgEnT") => $"\"BulkApi\",\"{at}\",\"{user}\",\"{obj}\",\"{rows}\"\n";

    private Collector Run(string csv, bool judge = true, Instant? from = null, Instant? to = null, string map = Maps.Minimal)
    {
        var m = MapLoader.LoadText(map);
        var c = new Collector(m, judge ? new BundleJudge(Repo.Bundle) : null, from, to);
        EventReader.ReadFile(_dir.Write("bulk.csv", csv), "bulk.csv", m, c);
        return c;
    }

    [Fact]
    public void Reads_of_one_object_by_one_actor_are_one_access_with_summed_rows()
    {
        var c = Run(BulkHeader + Bulk("2026-12-01T01:00:00Z", "Case", 20) + Bulk("2026-12-01T02:00:00Z", "Case", 30));
        var g = Assert.Single(c.Groups);
        Assert.Equal(("support-agent-v3", "Case", 50L), (g.Actor.Id, g.Object, g.Records));
    }

    [Fact]
    public void The_first_read_that_breaks_a_binding_dates_the_incident()
    {
        var c = Run(BulkHeader + Bulk("2026-12-01T01:00:00Z", "Case", 20) + Bulk("2026-12-01T03:00:00Z", "Opportunity", 5) + Bulk("2026-12-01T04:00:00Z", "Opportunity", 5));
        Assert.Equal(Instant.FromUtc(2026, 12, 1, 3, 0), c.FirstAnomaly?.At);
    }

    [Fact]
    public void Without_policies_the_first_read_dates_the_incident()
    {
        var c = Run(BulkHeader + Bulk("2026-12-01T01:00:00Z", "Case", 20) + Bulk("2026-12-01T03:00:00Z", "Opportunity", 5), judge: false);
        Assert.Equal(Instant.FromUtc(2026, 12, 1, 1, 0), c.FirstAnomaly?.At);
    }

    [Fact]
    public void Events_outside_the_window_are_counted_and_left_out()
    {
        var c = Run(BulkHeader + Bulk("2026-11-30T23:00:00Z", "Case", 20) + Bulk("2026-12-01T03:00:00Z", "Case", 5),
            from: Instant.FromUtc(2026, 12, 1, 0, 0));
        Assert.Equal(1, c.OutsideWindow);
        Assert.Equal(5, Assert.Single(c.Groups).Records);
    }

    [Fact]
    public void Events_of_users_the_map_does_not_name_are_counted_not_attributed()
    {
        var c = Run(BulkHeader + Bulk("2026-12-01T01:00:00Z", "Case", 20, user: "0055g00000NoBoD"));
        Assert.Equal(1, c.Unmapped);
        Assert.Empty(c.Groups);
        Assert.Contains("0055g00000NoBoD", c.UnmappedIdentities);
    }

    [Fact]
    public void Several_reads_of_a_person_object_count_its_largest_read_as_an_estimate()
    {
        var map = Maps.Minimal.Replace("people:", """
              - id: other-agent
                kind: agent
                purpose: customer-support
                match:
                  users: [0055g00000OtHer]
            people:
            """).Replace("distinct-ids", "rows");
        var c = Run(BulkHeader + Bulk("2026-12-01T01:00:00Z", "Contact", 300) + Bulk("2026-12-01T02:00:00Z", "Contact", 200, user: "0055g00000OtHer"), map: map);
        Assert.Equal((300L, true), c.People());
    }

    [Fact]
    public void One_read_of_one_person_object_counts_exactly()
    {
        var c = Run(BulkHeader + Bulk("2026-12-01T01:00:00Z", "Contact", 300), map: Maps.Minimal.Replace("distinct-ids", "rows"));
        Assert.Equal((300L, false), c.People());
    }

    [Fact]
    public void Violations_are_grouped_by_actor_and_purpose_with_counts_and_first_and_last_instant()
    {
        var c = Run(BulkHeader + Bulk("2026-12-01T03:00:00Z", "Opportunity", 5) + Bulk("2026-12-01T01:00:00Z", "Case", 20) + Bulk("2026-12-01T05:00:00Z", "Opportunity", 5));
        var v = Assert.Single(c.Violations);
        Assert.Equal(("support-agent-v3", "customer-support", 2L), (v.Actor, v.Purpose, v.Events));
        Assert.Equal((Instant.FromUtc(2026, 12, 1, 3, 0), Instant.FromUtc(2026, 12, 1, 5, 0)), (v.First, v.Last));
        Assert.Equal(2, v.Rules["deny/sales-pipeline"].Events);
        Assert.Equal((2L, 4L), (v.Spans["bulk.csv"].FirstLine, v.Spans["bulk.csv"].LastLine));
    }

    [Fact]
    public void A_bulk_api_2_job_counts_the_rows_of_its_complete_event_only()
    {
        const string header = "\"EVENT_TYPE\",\"TIMESTAMP_DERIVED\",\"USER_ID\",\"ENTITY_TYPE\",\"RECORDS_PROCESSED\",\"JOB_STATUS\"\n";
        var c = Run(header + "\"BulkApi2\",\"2026-12-01T01:00:00Z\",\"0055g00000AgEnT\",\"Case\",\"40\",\"InProgress\"\n" +
                    "\"BulkApi2\",\"2026-12-01T01:01:00Z\",\"0055g00000AgEnT\",\"Case\",\"40\",\"JobComplete\"\n");
        Assert.Equal(40, Assert.Single(c.Groups).Records);
    }
}
