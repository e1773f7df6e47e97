using Verdict.Diagnostics;
using Verdict.Salesforce.Events;
using Verdict.Salesforce.Facts;
using Verdict.Salesforce.Mapping;

namespace Verdict.Salesforce.Tests;

/// <summary>A log whose header is not one Verdict knows stops with a located error; it is never read by guesswork.</summary>
public sealed class HeaderTests : IDisposable
{
    private readonly TempDir _dir = new();
    private static readonly SalesforceMap Map = MapLoader.LoadText(Maps.Minimal);

    public void Dispose() => _dir.Dispose();

    private Diagnostic ReadError(string name, string text)
    {
        var path = _dir.Write(name, text);
        var e = Assert.Throws<VerdictException>(() => EventReader.ReadFile(path, name, Map, new Collector(Map)));
        return e.Diagnostics[0];
    }

    [Fact]
    public void An_undocumented_column_is_an_error_at_its_line_and_column()
    {
        var d = ReadError("api.csv", "\"EVENT_TYPE\",\"TIMESTAMP_DERIVED\",\"USER_ID\",\"ENTITY_NAME\",\"ROWS_PROCESSED\",\"FAVOURITE_COLOUR\"\n" +
                                     "\"API\",\"2026-12-01T00:00:00.000Z\",\"0055g00000AgEnT\",\"Case\",\"1\",\"blue\"\n");
        Assert.Equal(Codes.UnknownLogColumn, d.Code);
        Assert.Equal(new SourceLocation("api.csv", 1, 75), d.Location);
        Assert.Equal("column `FAVOURITE_COLOUR` is not a documented field of the `API` event type", d.Message);
    }

    [Fact]
    public void An_event_type_verdict_does_not_read_is_an_error_at_its_cell()
    {
        var d = ReadError("x.csv", "\"EVENT_TYPE\",\"TIMESTAMP_DERIVED\",\"USER_ID\"\n\"Sandbox\",\"2026-12-01T00:00:00.000Z\",\"0055g00000AgEnT\"\n");
        Assert.Equal(Codes.UnknownLogFormat, d.Code);
        Assert.Equal(new SourceLocation("x.csv", 2, 1), d.Location);
        Assert.Contains("`Sandbox`", d.Message);
    }

    [Fact]
    public void A_documented_header_without_a_column_the_adapter_needs_is_an_error()
    {
        var d = ReadError("bulk.csv", "\"EVENT_TYPE\",\"TIMESTAMP_DERIVED\",\"USER_ID\",\"ENTITY_TYPE\"\n\"BulkApi\",\"2026-12-01T00:00:00.000Z\",\"0055g00000AgEnT\",\"Contact\"\n");
        Assert.Equal(Codes.MissingLogColumn, d.Code);
        Assert.Equal("the `BulkApi` header has no column `ROWS_PROCESSED`", d.Message);
    }

    [Fact]
    public void A_csv_that_is_no_known_event_export_is_an_error()
    {
        var d = ReadError("people.csv", "Id,LastName\n003,Doe\n");
        Assert.Equal(Codes.UnknownLogFormat, d.Code);
        Assert.Equal(new SourceLocation("people.csv", 1, 1), d.Location);
    }

    [Fact]
    public void A_real_time_csv_with_an_undocumented_field_names_the_field()
    {
        var d = ReadError("api.csv", "EventDate,UserId,QueriedEntities,RowsProcessed,Mood\n2026-12-01T00:00:00Z,005,Contact,1,calm\n");
        Assert.Equal(Codes.UnknownLogColumn, d.Code);
        Assert.Equal(new SourceLocation("api.csv", 1, 48), d.Location);
        Assert.Equal("column `Mood` is not a documented field of the `ApiEvent` event type", d.Message);
    }

    [Fact]
    public void A_json_record_with_an_undocumented_field_is_an_error_at_the_field()
    {
        var d = ReadError("api.json", "{\"records\": [\n  {\"attributes\": {\"type\": \"ApiEvent\"},\n   \"EventDate\": \"2026-12-01T00:00:00Z\", \"Mood\": \"calm\"}\n]}\n");
        Assert.Equal(Codes.UnknownLogColumn, d.Code);
        Assert.Equal(new SourceLocation("api.json", 3, 41), d.Location);
    }

    [Fact]
    public void A_json_record_of_a_type_verdict_does_not_read_is_an_error()
    {
        var d = ReadError("x.json", "[{\"attributes\": {\"type\": \"UriEvent\"}, \"EventDate\": \"2026-12-01T00:00:00Z\"}]");
        Assert.Equal(Codes.UnknownLogFormat, d.Code);
        Assert.Contains("`UriEvent`", d.Message);
    }

    [Fact]
    public void Json_that_does_not_parse_is_an_error_at_its_place()
    {
        var d = ReadError("x.json", "{\"records\": [\n  {\"EventDate\": }\n]}");
        Assert.Equal(Codes.Syntax, d.Code);
        Assert.Equal(2, d.Location!.Line);
    }
}

/// <summary>Small maps for tests.</summary>
public static class Maps
{
    public const string Minimal = """
        apiVersion: verdict.dev/v1
        kind: SalesforceMap
        id: map/test
        version: 1.0.0
        org:
          timeZone: Europe/Berlin
        actors:
          - id: support-agent-v3
            kind: agent
            purpose: customer-support
            match:
              users: [0055g00000AgEnT]
            reads:
              Case: [Subject, Status]
              Opportunity: [Amount, StageName]
        people:
          Contact: { count: distinct-ids }

        """;
}
