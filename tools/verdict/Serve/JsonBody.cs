using System.Text.Json;

namespace Verdict.Cli.Serve;

/// <summary>Checks that a request body is one well-formed JSON value before it reaches the facts loader, so a
/// malformed body is reported as JSON (with the path where it broke), not as YAML.</summary>
public static class JsonBody
{
    /// <summary>Largest nesting accepted.</summary>
    public const int MaxDepth = 64;
    /// <summary>Most keys in one object: no incident has more, and the facts loader's work grows with them.</summary>
    public const int MaxProperties = 1000;

    /// <summary>Null when <paramref name="body"/> is well-formed JSON, else the error.</summary>
    public static RequestError? Check(ReadOnlySpan<byte> body)
    {
        if (body.IsEmpty || body.Trim(" \t\r\n"u8).IsEmpty)
            return new RequestError(Diagnostics.Codes.EmptyDocument, "the request body is empty", "$", 1, 1, "send a JSON object");
        if (FirstInvalidUtf8(body) is { } bad)
        {
            var line = 1 + body[..bad].Count((byte)'\n');
            var column = bad - (body[..bad].LastIndexOf((byte)'\n') + 1) + 1;
            return new RequestError(Diagnostics.Codes.Syntax, $"the body is not valid UTF-8 (byte {bad})", "$", line, column,
                "send the facts as UTF-8 JSON");
        }
        var frames = new List<(bool Array, int Index, string? Name)>();
        var keys = new List<int>();
        var reader = new Utf8JsonReader(body, new JsonReaderOptions { MaxDepth = MaxDepth, CommentHandling = JsonCommentHandling.Disallow });
        try
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.PropertyName:
                        if (Unescaped(ref reader) is not { } name) return LoneSurrogate(frames);
                        if (++keys[^1] > MaxProperties)
                        {
                            frames[^1] = (false, -1, null);
                            return new RequestError(Diagnostics.Codes.FileTooLarge, $"an object has more than {MaxProperties} keys", Path(frames),
                                null, null, "no incident needs that many; check how the body is built");
                        }
                        frames[^1] = (false, -1, name);
                        break;
                    case JsonTokenType.String when reader.ValueIsEscaped:
                        if (Unescaped(ref reader) is null) return LoneSurrogate(frames);
                        Advance(frames);
                        break;
                    case JsonTokenType.StartObject:
                    case JsonTokenType.StartArray:
                        Advance(frames);
                        frames.Add((reader.TokenType == JsonTokenType.StartArray, -1, null));
                        keys.Add(0);
                        break;
                    case JsonTokenType.EndObject:
                    case JsonTokenType.EndArray:
                        frames.RemoveAt(frames.Count - 1);
                        keys.RemoveAt(keys.Count - 1);
                        break;
                    default:
                        Advance(frames);
                        break;
                }
            }
            return null;
        }
        catch (JsonException e)
        {
            var message = e.Message;
            var cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
            if (cut >= 0) message = message[..cut];
            message = message.Trim().TrimEnd('.');
            if (message.Length > 0) message = char.ToLowerInvariant(message[0]) + message[1..];
            return new RequestError(Diagnostics.Codes.Syntax, $"malformed JSON: {message}", Path(frames),
                (int)(e.LineNumber ?? 0) + 1, (int)(e.BytePositionInLine ?? 0) + 1, "send one JSON object");
        }
    }

    /// <summary>Index of the first byte that is not valid UTF-8, or null.</summary>
    private static int? FirstInvalidUtf8(ReadOnlySpan<byte> body)
    {
        if (System.Text.Unicode.Utf8.IsValid(body)) return null;
        var at = 0;
        while (at < body.Length)
        {
            if (System.Text.Rune.DecodeFromUtf8(body[at..], out _, out var n) != System.Buffers.OperationStatus.Done) return at;
            at += n;
        }
        return null;
    }

    /// <summary>The token's text, or null when an escape decodes to a lone surrogate (no such character exists).</summary>
    private static string? Unescaped(ref Utf8JsonReader reader)
    {
        try { return reader.GetString(); }
        catch (InvalidOperationException) { return null; }
    }

    private static RequestError LoneSurrogate(List<(bool Array, int Index, string? Name)> frames) =>
        new(Diagnostics.Codes.Syntax, "a `\\u` escape names half of a surrogate pair alone, which is no character", Path(frames),
            null, null, "escape both halves of the pair (e.g. `\\ud83d\\ude00`) or send the character itself");

    private static void Advance(List<(bool Array, int Index, string? Name)> frames)
    {
        if (frames.Count > 0 && frames[^1].Array) frames[^1] = (true, frames[^1].Index + 1, null);
    }

    private static string Path(List<(bool Array, int Index, string? Name)> frames)
    {
        var sb = new System.Text.StringBuilder("$");
        foreach (var (array, index, name) in frames)
        {
            if (array && index >= 0) sb.Append('[').Append(index).Append(']');
            else if (!array && name is not null) sb.Append('.').Append(name);
        }
        return sb.ToString();
    }
}
