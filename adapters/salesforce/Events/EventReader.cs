using NodaTime;
using Verdict.Diagnostics;
using Verdict.Salesforce.Mapping;

namespace Verdict.Salesforce.Events;

/// <summary>
/// Reads event logs (EventLogFile CSVs, Real-Time Event Monitoring exports as CSV or JSON) and residency exports,
/// streaming each file once. A header the adapter does not know stops with a located error; a bad line is reported
/// to the sink and reading goes on.
/// </summary>
internal static class EventReader
{
    /// <summary>Reads one file; <paramref name="display"/> is the name used in evidence and messages.</summary>
    public static void ReadFile(string path, string display, SalesforceMap map, IEventSink sink)
    {
        var export = map.Residency.FirstOrDefault(x => string.Equals(x.File, Path.GetFileName(path), StringComparison.Ordinal));
        Stream stream;
        try { stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw VerdictException.Single(Codes.FileUnreadable, $"cannot read `{display}`: {e.Message.TrimEnd('.').ToLowerInvariant()}",
                new SourceLocation(display, 1, 1), "check the path and its permissions");
        }
        using (stream)
        {
            if (export is not null) { ResidencyReader.Read(stream, display, export, sink); return; }
            var first = FirstByte(stream);
            stream.Position = 0;
            if (first is (byte)'{' or (byte)'[') JsonEventReader.Read(stream, display, map.Zone, sink);
            else ReadCsv(stream, display, map.Zone, sink);
        }
    }

    private static int FirstByte(Stream s)
    {
        Span<byte> b = stackalloc byte[64];
        var n = s.Read(b);
        var i = n >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF ? 3 : 0;
        while (i < n && (b[i] == ' ' || b[i] == '\t' || b[i] == '\r' || b[i] == '\n')) i++;
        return i < n ? b[i] : -1;
    }

    /// <summary>Reads a CSV log, counting its bytes; returns the number of events.</summary>
    public static long ReadCsv(Stream stream, string display, DateTimeZone zone, IEventSink sink)
    {
        using var csv = new CsvReader(stream);
        if (!csv.Next(out var headerError))
            throw VerdictException.Single(Codes.UnknownLogFormat, $"`{display}` is empty", new SourceLocation(display, 1, 1),
                "export the event log file with its header row");
        if (headerError is not null)
            throw VerdictException.Single(Codes.UnknownLogFormat, $"the header row cannot be read: {headerError}", new SourceLocation(display, 1, 1));
        var header = new string[csv.FieldCount];
        var columns = new int[csv.FieldCount];
        for (var i = 0; i < header.Length; i++) { header[i] = csv.String(i).Trim(); columns[i] = csv.Column(i); }

        EventKind? kind;
        var typeAt = Array.IndexOf(header, "EVENT_TYPE");
        var pending = false;
        if (typeAt >= 0)
        {
            // EventLogFile: the header is the type's LogFileFieldNames; the first row's EVENT_TYPE says which type.
            var any = false;
            while (csv.Next(out var error))
            {
                if (error is not null) { sink.Bad(new BadLine(display, csv.Line, error)); continue; }
                if (csv.FieldCount <= typeAt) { sink.Bad(new BadLine(display, csv.Line, $"{csv.FieldCount} fields where the header has {header.Length}")); continue; }
                any = true;
                break;
            }
            if (!any)
            {
                kind = EventKinds.ByEventType.Values.FirstOrDefault(k => header.All(k.Knows));
                if (kind is null) throw Unknown(display, header, columns, EventKinds.ByEventType.Values.OrderByDescending(k => header.Count(k.Knows)).First());
                return 0;
            }
            var type = csv.String(typeAt);
            if (!EventKinds.ByEventType.TryGetValue(type, out kind))
                throw VerdictException.Single(Codes.UnknownLogFormat, $"`{type}` is not an event type verdict reads", new SourceLocation(display, (int)csv.Line, csv.Column(typeAt)),
                    "verdict reads API, RestApi, BulkApi, BulkApi2, ReportExport, Login, URI and ApexCallout event log files");
            pending = true;
        }
        else
        {
            kind = EventKinds.RealTimeFor(header);
            if (kind is null)
            {
                var closest = EventKinds.ClosestRealTime(header)
                    ?? throw VerdictException.Single(Codes.UnknownLogFormat, $"the header of `{display}` is not one of an event type verdict reads",
                        new SourceLocation(display, 1, 1),
                        "event log files start with EVENT_TYPE; real-time exports carry the fields of ApiEvent, ReportEvent, BulkApiResultEvent or LoginEvent");
                throw Unknown(display, header, columns, closest);
            }
        }
        Validate(display, header, columns, kind);

        var roles = new Role[header.Length];
        for (var i = 0; i < header.Length; i++) roles[i] = kind.Columns[header[i]];
        long events = 0;
        var name = System.Text.Encoding.ASCII.GetBytes(kind.Name);
        while (true)
        {
            if (pending) pending = false;
            else
            {
                if (!csv.Next(out var err)) break;
                if (err is not null) { sink.Bad(new BadLine(display, csv.Line, err)); continue; }
            }
            if (csv.FieldCount != header.Length)
            {
                sink.Bad(new BadLine(display, csv.Line, $"{csv.FieldCount} fields where the header has {header.Length}"));
                continue;
            }
            var e = Build(csv, roles, header, kind, name, display, zone, sink);
            if (e is null) continue;
            events++;
            sink.Event(e);
        }
        return events;
    }

    private static VerdictException Unknown(string display, string[] header, int[] columns, EventKind closest)
    {
        var i = Array.FindIndex(header, h => !closest.Knows(h));
        if (i < 0) return Missing(display, header, closest);
        return VerdictException.Single(Codes.UnknownLogColumn,
            $"column `{header[i]}` is not a documented field of the `{closest.Name}` event type", new SourceLocation(display, 1, columns[i]),
            $"the documented fields are listed at {closest.Documentation}; remove the column or export the documented ones");
    }

    private static VerdictException Missing(string display, string[] header, EventKind kind)
    {
        var missing = kind.Required.First(r => !header.Contains(r));
        return VerdictException.Single(Codes.MissingLogColumn, $"the `{kind.Name}` header has no column `{missing}`",
            new SourceLocation(display, 1, 1), $"export the event with its documented fields ({kind.Documentation})");
    }

    private static void Validate(string display, string[] header, int[] columns, EventKind kind)
    {
        var problems = new List<Diagnostic>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < header.Length; i++)
        {
            if (!kind.Knows(header[i]))
                problems.Add(Diagnostic.Error(Codes.UnknownLogColumn, $"column `{header[i]}` is not a documented field of the `{kind.Name}` event type",
                    new SourceLocation(display, 1, columns[i]), $"the documented fields are listed at {kind.Documentation}"));
            else if (!seen.Add(header[i]))
                problems.Add(Diagnostic.Error(Codes.UnknownLogColumn, $"column `{header[i]}` appears twice", new SourceLocation(display, 1, columns[i]),
                    "keep one column of each name"));
        }
        if (problems.Count > 0) throw new VerdictException(problems);
        if (kind.Required.Any(r => !seen.Contains(r))) throw Missing(display, header, kind);
    }

    private static LogEvent? Build(CsvReader csv, Role[] roles, string[] header, EventKind kind, byte[] name, string display, DateTimeZone zone, IEventSink sink)
    {
        Instant? at = null, gmt = null;
        string? user = null, user15 = null, username = null, app = null, client = null, obj = null, op = null, status = null, uri = null,
            uriId = null, query = null, headers = null, records = null, job = null, ip = null, url = null;
        long? rows = null;
        for (var i = 0; i < roles.Length; i++)
        {
            var role = roles[i];
            if (role == Role.None) continue;
            var raw = csv.Raw(i);
            if (raw.IsEmpty) continue;
            switch (role)
            {
                case Role.EventType:
                    if (!raw.SequenceEqual(name))
                    { sink.Bad(new BadLine(display, csv.Line, $"event type `{csv.String(i)}` in a `{kind.Name}` file", header[i])); return null; }
                    break;
                case Role.Time:
                    if (!Timestamps.TryParseIso(raw, zone, out var t)) { sink.Bad(new BadLine(display, csv.Line, $"`{csv.String(i)}` is not an ISO-8601 instant", header[i])); return null; }
                    at = t;
                    break;
                case Role.TimeGmt:
                    if (!Timestamps.TryParseGmt(raw, out var g)) { sink.Bad(new BadLine(display, csv.Line, $"`{csv.String(i)}` is not a timestamp (yyyyMMddHHmmss.SSS)", header[i])); return null; }
                    gmt = g;
                    break;
                case Role.Rows:
                    if (!Timestamps.TryParseCount(raw, out var n)) { sink.Bad(new BadLine(display, csv.Line, $"`{csv.String(i)}` is not a row count", header[i])); return null; }
                    rows = n;
                    break;
                case Role.User: user = csv.String(i); break;
                case Role.User15: user15 = csv.String(i); break;
                case Role.Username: username = csv.String(i); break;
                case Role.ConnectedApp: app = csv.String(i); break;
                case Role.Client: client = csv.String(i); break;
                case Role.Object: case Role.Objects: obj = csv.String(i); break;
                case Role.Operation: op = csv.String(i); break;
                case Role.Status: status = csv.String(i); break;
                case Role.Uri: uri = csv.String(i); break;
                case Role.UriId: uriId = csv.String(i); break;
                case Role.Query: query = csv.String(i); break;
                case Role.ColumnHeaders: headers = csv.String(i); break;
                case Role.Records: records = csv.String(i); break;
                case Role.JobStatus: job = csv.String(i); break;
                case Role.SourceIp: ip = csv.String(i); break;
                case Role.Url: url = csv.String(i); break;
            }
        }
        if ((at ?? gmt) is not { } when)
        {
            sink.Bad(new BadLine(display, csv.Line, "no instant", kind.Family == Family.EventLogFile ? "TIMESTAMP_DERIVED" : "EventDate"));
            return null;
        }
        return new LogEvent
        {
            Kind = kind, File = display, Line = csv.Line, EndLine = csv.EndLine, At = when, UserId = user ?? user15, Username = username,
            ConnectedApp = app, Client = client, Object = obj, Rows = rows, Operation = op, Status = status, Uri = uri, UriId = uriId,
            Query = query, ColumnHeaders = headers, Records = records, JobStatus = job, SourceIp = ip, Url = url,
        };
    }
}
