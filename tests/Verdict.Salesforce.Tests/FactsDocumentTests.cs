using System.Text.Json.Nodes;
using Verdict.Diagnostics;
using Verdict.Facts;
using Verdict.Salesforce.Events;
using Verdict.Salesforce.Facts;
using Verdict.Salesforce.Mapping;
using Verdict.Syntax;

namespace Verdict.Salesforce.Tests;

/// <summary>The facts written from the logs, over a base incident.</summary>
public sealed class FactsDocumentTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private Collector Collect()
    {
        var map = MapLoader.LoadText(Maps.Minimal.Replace("    match:", "    connectedApp: support-agent-connector\n    match:"));
        var c = new Collector(map);
        EventReader.ReadFile(_dir.Write("bulk.csv", "\"EVENT_TYPE\",\"TIMESTAMP_DERIVED\",\"USER_ID\",\"ENTITY_TYPE\",\"ROWS_PROCESSED\"\n" +
            "\"BulkApi\",\"2026-12-01T01:00:00.000Z\",\"0055g00000AgEnT\",\"Contact\",\"12\"\n"), "bulk.csv", map, c);
        return c;
    }

    private static Node Base(string yaml) => NodeReader.Read(yaml, "base.yaml");

    [Fact]
    public void Without_a_base_incident_the_facts_lack_what_logs_cannot_know()
    {
        var e = Assert.Throws<VerdictException>(() => FactsDocument.Build(Collect(), null, null));
        Assert.Equal([Codes.MissingKey, Codes.MissingKey], e.Diagnostics.Select(d => d.Code));
        Assert.Contains("timeline.awareAt", e.Diagnostics[1].Message);
    }

    [Fact]
    public void What_the_logs_show_replaces_the_base_and_the_rest_of_the_base_stays()
    {
        var facts = FactsDocument.Build(Collect(), Base("""
            id: INC-1
            timeline: { awareAt: 2026-12-02T09:00:00Z, occurredAt: 2026-11-01T00:00:00Z }
            source: { system: crm, surface: api-integration }
            """), "base.yaml");
        Assert.Equal("2026-12-01T01:00:00Z", (string?)facts["timeline"]!["occurredAt"]);
        Assert.Equal("salesforce", (string?)facts["source"]!["system"]);
        Assert.Equal("support-agent-connector", (string?)facts["source"]!["connectedApp"]);
        Assert.Equal("api-integration", (string?)facts["source"]!["surface"]);
    }

    [Fact]
    public void Categories_of_the_base_and_of_the_logs_are_united()
    {
        var c = Collect();
        var facts = FactsDocument.Build(c, Base("id: INC-1\ntimeline: { awareAt: 2026-12-02T09:00:00Z }\ndata: { categories: [synthetic] }\n"), "base.yaml");
        Assert.Equal(["synthetic"], ((JsonArray)facts["data"]!["categories"]!).Select(x => (string)x!));
    }

    [Fact]
    public void Every_access_has_evidence_naming_file_and_lines()
    {
        var facts = FactsDocument.Build(Collect(), Base("id: INC-1\ntimeline: { awareAt: 2026-12-02T09:00:00Z }\n"), "base.yaml");
        var ev = Assert.Single((JsonArray)facts["evidence"]!)!;
        Assert.Equal(("bulk.csv", 2L, 2L, "access[0]"), ((string)ev["file"]!, (long)ev["firstLine"]!, (long)ev["lastLine"]!, (string)ev["supports"]!));
    }

    [Fact]
    public void A_read_whose_fields_the_log_does_not_name_is_a_read_of_the_whole_object()
    {
        var facts = FactsLoader.LoadText(FactsDocument.Write(FactsDocument.Build(Collect(), Base("id: INC-1\ntimeline: { awareAt: 2026-12-02T09:00:00Z }\n"), "base.yaml")));
        Assert.Empty(Assert.Single(facts.Access).Fields);
    }
}
