using System.Text;
using System.Text.Json;
using NodaTime;
using Verdict.Diagnostics;

namespace Verdict.Salesforce.Events;

/// <summary>
/// Reads Real-Time Event Monitoring exports as JSON: a query result (<c>{"records":[…]}</c>, as the REST API returns
/// it), an array of records, or one record per line (JSON lines, where a bad line is reported and skipped). A record
/// names its type in <c>attributes.type</c>, or its fields name it.
/// </summary>
internal static class JsonEventReader
{
    private const long MaxBytes = 256L << 20;

    public static void Read(Stream stream, string display, DateTimeZone zone, IEventSink sink)
    {
        if (stream.Length > MaxBytes)
            throw VerdictException.Single(Codes.FileTooLarge, $"`{display}` is larger than {MaxBytes >> 20} MiB", new SourceLocation(display, 1, 1),
                "export large real-time event sets as CSV or JSON lines split into several files");
        var bytes = new byte[stream.Length];
        stream.ReadExactly(bytes);
        var start = bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0;
        var lines = new Lines(bytes);
        var firstObject = bytes.AsSpan(start).TrimStart(" \t\r\n"u8);
        if (firstObject.Length > 0 && firstObject[0] == (byte)'{' && !IsEnvelope(bytes, start))
        {
            // JSON lines: each line is one record; a line that is not JSON is a bad line, not the end of the file.
            var pos = start;
            long line = 1;
            while (pos < bytes.Length)
            {
                var nl = bytes.AsSpan(pos).IndexOf((byte)'\n');
                var end = nl < 0 ? bytes.Length : pos + nl;
                var text = bytes.AsSpan(pos, end - pos).Trim(" \t\r"u8);
                if (text.Length > 0)
                {
                    var reader = new Utf8JsonReader(text, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip });
                    try
                    {
                        reader.Read();
                        if (reader.TokenType != JsonTokenType.StartObject) sink.Bad(new BadLine(display, line, "a line that is not a JSON object"));
                        else Record(ref reader, display, new Lines(text.ToArray(), line), zone, sink);
                    }
                    catch (JsonException e) { sink.Bad(new BadLine(display, line, "not valid JSON: " + Message(e))); }
                }
                line++;
                pos = end + 1;
            }
            return;
        }

        var json = new Utf8JsonReader(bytes.AsSpan(start), new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip });
        try
        {
            json.Read();
            if (json.TokenType == JsonTokenType.StartArray) Records(ref json, display, lines, start, zone, sink);
            else if (json.TokenType == JsonTokenType.StartObject)
            {
                while (json.Read() && json.TokenType == JsonTokenType.PropertyName)
                {
                    var name = json.GetString();
                    json.Read();
                    if (name == "records" && json.TokenType == JsonTokenType.StartArray) Records(ref json, display, lines, start, zone, sink);
                    else json.Skip();
                }
            }
            else throw VerdictException.Single(Codes.UnknownLogFormat, "expected a JSON object or array of event records", new SourceLocation(display, 1, 1));
        }
        catch (JsonException e)
        {
            throw VerdictException.Single(Codes.Syntax, "not valid JSON: " + Message(e),
                new SourceLocation(display, (int)(e.LineNumber ?? 0) + 1, (int)(e.BytePositionInLine ?? 0) + 1), "repair the file or export it again");
        }
    }

    private static string Message(JsonException e)
    {
        var m = e.Message;
        var cut = m.IndexOf(" LineNumber", StringComparison.Ordinal);
        if (cut > 0) m = m[..cut];
        var sentence = m.IndexOf(". ", StringComparison.Ordinal);
        if (sentence > 0) m = m[..sentence];
        return char.ToLowerInvariant(m[0]) + m[1..].TrimEnd('.', ' ');
    }

    private static bool IsEnvelope(byte[] bytes, int start)
    {
        var r = new Utf8JsonReader(bytes.AsSpan(start), new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowMultipleValues = true });
        try
        {
            if (!r.Read() || r.TokenType != JsonTokenType.StartObject) return false;
            while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
            {
                if (r.ValueTextEquals("records")) return true;
                r.Read();
                r.Skip();
            }
        }
        catch (JsonException) { }
        return false;
    }

    private static void Records(ref Utf8JsonReader json, string display, Lines lines, int offset, DateTimeZone zone, IEventSink sink)
    {
        while (json.Read() && json.TokenType != JsonTokenType.EndArray)
        {
            if (json.TokenType != JsonTokenType.StartObject)
            {
                sink.Bad(new BadLine(display, lines.LineOf(offset + (int)json.TokenStartIndex), "an element of `records` that is not an object"));
                json.Skip();
                continue;
            }
            Record(ref json, display, lines.At(offset), zone, sink);
        }
    }

    /// <summary>Reads one record object (the reader is on its StartObject) and hands it to the sink.</summary>
    private static void Record(ref Utf8JsonReader json, string display, Lines lines, DateTimeZone zone, IEventSink sink)
    {
        var line = lines.LineOf((int)json.TokenStartIndex);
        var values = new Dictionary<string, string?>(StringComparer.Ordinal);
        var places = new Dictionary<string, (long Line, int Column)>(StringComparer.Ordinal);
        string? type = null;
        while (json.Read() && json.TokenType == JsonTokenType.PropertyName)
        {
            var name = json.GetString()!;
            var keyAt = (int)json.TokenStartIndex;
            json.Read();
            if (name == "attributes" && json.TokenType == JsonTokenType.StartObject)
            {
                while (json.Read() && json.TokenType == JsonTokenType.PropertyName)
                {
                    var an = json.GetString();
                    json.Read();
                    if (an == "type" && json.TokenType == JsonTokenType.String) type = json.GetString();
                    else json.Skip();
                }
                continue;
            }
            places[name] = (lines.LineOf(keyAt), lines.ColumnOf(keyAt));
            values[name] = json.TokenType switch
            {
                JsonTokenType.Null => null,
                JsonTokenType.String => json.GetString(),
                JsonTokenType.StartObject or JsonTokenType.StartArray => Raw(ref json),
                _ => Encoding.UTF8.GetString(json.ValueSpan),
            };
        }
        var keys = values.Keys.ToList();
        EventKind? kind;
        if (type is not null)
        {
            if (!EventKinds.RealTime.TryGetValue(type, out kind))
                throw VerdictException.Single(Codes.UnknownLogFormat, $"`{type}` is not a real-time event type verdict reads", new SourceLocation(display, (int)line, 1),
                    "verdict reads ApiEvent, ReportEvent, BulkApiResultEvent and LoginEvent records");
        }
        else kind = EventKinds.RealTimeFor(keys) ?? EventKinds.ClosestRealTime(keys);
        if (kind is null)
            throw VerdictException.Single(Codes.UnknownLogFormat, "a record whose fields are not those of an event type verdict reads",
                new SourceLocation(display, (int)line, 1), "give each record `attributes.type`, or export ApiEvent, ReportEvent, BulkApiResultEvent or LoginEvent fields");
        foreach (var k in keys)
            if (!kind.Knows(k))
                throw VerdictException.Single(Codes.UnknownLogColumn, $"field `{k}` is not a documented field of `{kind.Name}`",
                    new SourceLocation(display, (int)places[k].Line, places[k].Column), $"the documented fields are listed at {kind.Documentation}");
        var missing = kind.Required.FirstOrDefault(r => !values.ContainsKey(r));
        if (missing is not null) { sink.Bad(new BadLine(display, line, $"a `{kind.Name}` record without `{missing}`")); return; }

        Instant at = default;
        long? rows = null;
        string? Get(Role role) => kind.Columns.Where(c => c.Value == role).Select(c => values.GetValueOrDefault(c.Key)).FirstOrDefault(v => !string.IsNullOrEmpty(v));
        var time = Get(Role.Time);
        if (time is null || !Timestamps.TryParseIso(Encoding.UTF8.GetBytes(time), zone, out at))
        { sink.Bad(new BadLine(display, line, $"`{time}` is not an ISO-8601 instant", "EventDate")); return; }
        if (Get(Role.Rows) is { } r)
        {
            if (!Timestamps.TryParseCount(Encoding.UTF8.GetBytes(r), out var n)) { sink.Bad(new BadLine(display, line, $"`{r}` is not a row count", "RowsProcessed")); return; }
            rows = n;
        }
        sink.Event(new LogEvent
        {
            Kind = kind, File = display, Line = line, EndLine = lines.LineOf((int)json.TokenStartIndex), At = at,
            UserId = Get(Role.User), Username = Get(Role.Username), ConnectedApp = Get(Role.ConnectedApp), Client = Get(Role.Client),
            Object = Get(Role.Objects), Rows = rows, Operation = Get(Role.Operation), Status = Get(Role.Status), UriId = Get(Role.UriId),
            Query = Get(Role.Query), ColumnHeaders = Get(Role.ColumnHeaders), Records = Get(Role.Records), SourceIp = Get(Role.SourceIp),
        });
    }

    private static string Raw(ref Utf8JsonReader json)
    {
        using var doc = JsonDocument.ParseValue(ref json);
        return doc.RootElement.GetRawText();
    }

    /// <summary>Line and column of byte offsets, for offsets read in increasing order.</summary>
    private sealed class Lines(byte[] bytes, long firstLine = 1)
    {
        private readonly long _firstLine = firstLine;
        private int _offset;
        private int _last;
        private long _line = firstLine;
        private int _lineStart;

        public Lines At(int offset) { _offset = offset; return this; }

        public long LineOf(int index)
        {
            var abs = _offset + index;
            if (abs < _last) { _last = 0; _line = _firstLine; _lineStart = 0; }
            for (var i = _last; i < abs && i < bytes.Length; i++)
                if (bytes[i] == (byte)'\n') { _line++; _lineStart = i + 1; }
            _last = Math.Max(_last, abs);
            return _line;
        }

        public int ColumnOf(int index) { LineOf(index); return _offset + index - _lineStart + 1; }
    }
}
