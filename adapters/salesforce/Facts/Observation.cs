using System.Text.Json;
using Verdict.Salesforce.Events;
using Verdict.Salesforce.Mapping;

namespace Verdict.Salesforce.Facts;

/// <summary>One read of one object by one mapped actor, as one event shows it.</summary>
internal sealed record Observation(MappedActor Actor, string Object, IReadOnlyList<string> Fields, long? Rows, IReadOnlyList<string>? Ids);

/// <summary>Turns a log event into the reads it shows: which object, which fields, how many records.</summary>
internal static class Observations
{
    /// <summary>The reads of <paramref name="e"/> by <paramref name="actor"/>; empty when the event reads no data (a describe call, a login).</summary>
    public static List<Observation> Of(LogEvent e, MappedActor actor, SalesforceMap map)
    {
        var list = new List<Observation>(1);
        if (e.Kind.Use != Use.Access) return list;
        IReadOnlyList<string> Reads(string obj) => actor.Reads.TryGetValue(obj, out var f) ? f : [];
        switch (e.Kind.Name)
        {
            case "API" or "RestApi" or "BulkApi":
                foreach (var obj in Split(e.Object)) list.Add(new(actor, obj, Reads(obj), e.Rows, null));
                break;
            case "BulkApi2":
                // One event per job state: the rows of a job are those its JobComplete event reports.
                foreach (var obj in Split(e.Object))
                    list.Add(new(actor, obj, Reads(obj), e.JobStatus == "JobComplete" ? e.Rows : 0, null));
                break;
            case "ReportExport":
                if (Report(e.UriId ?? ReportIdOf(e.Uri), map) is { } exported) list.Add(new(actor, exported.Object, exported.Fields.Count > 0 ? exported.Fields : Reads(exported.Object), null, null));
                break;
            case "URI":
                var id = e.UriId ?? RecordIdOf(e.Uri);
                if (id is { Length: 15 or 18 } && EventKinds.KeyPrefixes.TryGetValue(id[..3], out var o))
                    list.Add(new(actor, o, Reads(o), 1, [id[..15]]));
                break;
            case "ApiEvent":
            {
                var ids = Ids(e.Records);
                var soql = e.Query is null ? null : Soql.Parse(e.Query);
                foreach (var obj in Split(e.Object))
                {
                    var fields = soql is { } q && q.Object == obj ? q.Fields : Reads(obj);
                    list.Add(new(actor, obj, fields, ids?.Count > 0 ? ids.Count : e.Rows, ids?.Where(i => Objects(i) == obj || Objects(i) is null).ToList()));
                }
                break;
            }
            case "ReportEvent":
            {
                var ids = Ids(e.Records);
                var objects = Split(e.Object).ToList();
                var shape = Report(e.UriId, map);
                if (objects.Count == 0 && shape is not null) objects.Add(shape.Object);
                foreach (var obj in objects)
                {
                    var fields = Columns(e.ColumnHeaders, obj, objects.Count == 1);
                    if (fields.Count == 0) fields = shape?.Object == obj && shape.Fields.Count > 0 ? [.. shape.Fields] : [.. Reads(obj)];
                    list.Add(new(actor, obj, fields, e.Rows, ids));
                }
                break;
            }
            case "BulkApiResultEvent":
                if (e.Query is not null && Soql.Parse(e.Query) is { } bq) list.Add(new(actor, bq.Object, bq.Fields, e.Rows, null));
                break;
        }
        return list;
    }

    private static string? Objects(string id) => id.Length >= 3 && EventKinds.KeyPrefixes.TryGetValue(id[..3], out var o) ? o : null;

    private static ReportShape? Report(string? id, SalesforceMap map) =>
        id is { Length: 15 or 18 } && map.Reports.TryGetValue(id[..15], out var s) ? s : null;

    private static string? ReportIdOf(string? uri) => uri is null ? null : uri.Split('/', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault(p => p.StartsWith("00O", StringComparison.Ordinal));

    private static string? RecordIdOf(string? uri) =>
        uri?.Split('/', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault(p => p.Length is 15 or 18 && p.All(char.IsAsciiLetterOrDigit));

    private static IEnumerable<string> Split(string? objects) =>
        objects is null ? [] : objects.Trim('[', ']').Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>ReportEvent column headers (<c>[Contact.FirstName, Contact.Email]</c>) that belong to <paramref name="obj"/>.</summary>
    private static List<string> Columns(string? headers, string obj, bool only)
    {
        var fields = new List<string>();
        foreach (var h in Split(headers))
        {
            var dot = h.IndexOf('.');
            if (dot > 0 && string.Equals(h[..dot], obj, StringComparison.OrdinalIgnoreCase)) fields.Add(h[(dot + 1)..]);
            else if (dot < 0 && only) fields.Add(h);
        }
        return fields;
    }

    /// <summary>Record ids in an event's <c>Records</c> JSON: every string value of a property named <c>Id</c>.</summary>
    private static List<string>? Ids(string? records)
    {
        if (string.IsNullOrEmpty(records)) return null;
        var ids = new List<string>();
        try
        {
            var r = new Utf8JsonReader(System.Text.Encoding.UTF8.GetBytes(records));
            var wantValue = false;
            while (r.Read())
            {
                if (r.TokenType == JsonTokenType.PropertyName) wantValue = r.ValueTextEquals("Id") || r.ValueTextEquals("id");
                else if (wantValue && r.TokenType == JsonTokenType.String)
                {
                    var v = r.GetString()!;
                    if (v.Length is 15 or 18) ids.Add(v[..15]);
                    wantValue = false;
                }
                else wantValue = false;
            }
        }
        catch (JsonException) { return null; }
        return ids;
    }
}
