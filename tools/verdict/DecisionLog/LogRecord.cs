using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Verdict.Syntax;

namespace Verdict.Cli.DecisionLog;

/// <summary>What one decision-log record says, before it is chained.</summary>
/// <param name="Kind"><c>incident</c> (POST /v1/decisions) or <c>access</c> (POST /v1/access).</param>
/// <param name="ReceivedAt">When the server received the request: audit metadata, never an input of the decision.</param>
/// <param name="BundleDigest">Digest of the bundle that decided.</param>
/// <param name="FactsDigest">SHA-256 of the canonical facts (or of the canonical access request).</param>
/// <param name="Decision">The decision as compact JSON (UTF-8).</param>
public sealed record LogEntry(string Kind, DateTime ReceivedAt, string BundleDigest, string FactsDigest, byte[] Decision);

/// <summary>A record read back from a log line.</summary>
public readonly record struct ParsedRecord(long Seq, string Prev, string Hash, string? BundleDigest, string? DecisionBundleDigest, string? IncidentId);

/// <summary>
/// The line format of the decision log. One JSON object per line, keys in a fixed order:
/// <c>{"seq","kind","receivedAt","bundleDigest","factsDigest","decision","prev","hash"}</c>.
/// <c>hash</c> is the SHA-256 of the exact bytes of the record without its hash, that is the line up to
/// <c>"prev":"…"</c> closed with <c>}</c>; <c>prev</c> is the <c>hash</c> of the record before (the chain), or
/// <see cref="Genesis"/> for the first record ever. Hashing bytes rather than re-serialized JSON means a verifier
/// needs no canonicalization: any changed byte changes the hash.
/// </summary>
public static class LogRecord
{
    /// <summary>The <c>prev</c> of the first record of a chain.</summary>
    public const string Genesis = "sha256:0000000000000000000000000000000000000000000000000000000000000000";

    private static ReadOnlySpan<byte> HashKey => ",\"hash\":\""u8;
    private const int HashTextLength = 71; // "sha256:" + 64 hex
    /// <summary>Bytes of <c>,"hash":"sha256:…"}</c> at the end of every line (without the newline).</summary>
    private static readonly int SuffixLength = HashKey.Length + HashTextLength + 2;

    /// <summary>Builds one line (with its final newline) and returns it with its hash.</summary>
    public static (byte[] Line, string Hash) Build(long seq, LogEntry e, string prev)
    {
        var buffer = new ArrayBufferWriter<byte>(e.Decision.Length + 512);
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = CanonicalJson.Encoder, SkipValidation = true }))
        {
            w.WriteStartObject();
            w.WriteNumber("seq", seq);
            w.WriteString("kind", e.Kind);
            w.WriteString("receivedAt", e.ReceivedAt.ToUniversalTime().ToString("yyyy'-'MM'-'dd'T'HH':'mm':'ss.fffffff'Z'", System.Globalization.CultureInfo.InvariantCulture));
            w.WriteString("bundleDigest", e.BundleDigest);
            w.WriteString("factsDigest", e.FactsDigest);
            w.WritePropertyName("decision");
            w.WriteRawValue(e.Decision, skipInputValidation: true);
            w.WriteString("prev", prev);
            w.WriteEndObject();
        }
        var content = buffer.WrittenSpan; // ends with '}'
        var hash = Sha256(content);
        var line = new byte[content.Length - 1 + SuffixLength + 1];
        content[..^1].CopyTo(line);
        var at = content.Length - 1;
        HashKey.CopyTo(line.AsSpan(at));
        at += HashKey.Length;
        at += Encoding.ASCII.GetBytes(hash, line.AsSpan(at));
        line[at++] = (byte)'"';
        line[at++] = (byte)'}';
        line[at] = (byte)'\n';
        return (line, hash);
    }

    /// <summary><c>sha256:</c> and the lowercase hex digest of some bytes.</summary>
    public static string Sha256(ReadOnlySpan<byte> bytes) => "sha256:" + Convert.ToHexStringLower(SHA256.HashData(bytes));

    /// <summary>Reads a line (without its newline) and checks that its hash matches its content.</summary>
    /// <returns>Null when the record is sound, else what is wrong, in words.</returns>
    public static string? TryParse(ReadOnlySpan<byte> line, out ParsedRecord record)
    {
        record = default;
        if (line.Length > 0 && line[^1] == '\r') line = line[..^1];
        if (line.Length < SuffixLength + 2 || line[0] != '{' || !line[^2..].SequenceEqual("\"}"u8) ||
            !line.Slice(line.Length - SuffixLength, HashKey.Length).SequenceEqual(HashKey))
            return "the line is not a decision-log record (it does not end with its `hash`)";
        var hashText = Encoding.ASCII.GetString(line.Slice(line.Length - SuffixLength + HashKey.Length, HashTextLength));

        long seq;
        string? prev, hashField, bundleDigest, decisionBundle = null, incident = null;
        try
        {
            using var doc = JsonDocument.Parse(line.ToArray());
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object) return "the line is not a JSON object";
            if (!root.TryGetProperty("seq", out var s) || !s.TryGetInt64(out seq)) return "`seq` is missing or not an integer";
            prev = root.TryGetProperty("prev", out var p) && p.ValueKind == JsonValueKind.String ? p.GetString() : null;
            if (prev is null) return "`prev` is missing";
            hashField = root.TryGetProperty("hash", out var h) && h.ValueKind == JsonValueKind.String ? h.GetString() : null;
            bundleDigest = root.TryGetProperty("bundleDigest", out var b) && b.ValueKind == JsonValueKind.String ? b.GetString() : null;
            if (root.TryGetProperty("decision", out var d) && d.ValueKind == JsonValueKind.Object)
            {
                if (d.TryGetProperty("bundle", out var db) && db.ValueKind == JsonValueKind.Object &&
                    db.TryGetProperty("digest", out var dd) && dd.ValueKind == JsonValueKind.String) decisionBundle = dd.GetString();
                if (d.TryGetProperty("incidentId", out var inc) && inc.ValueKind == JsonValueKind.String) incident = inc.GetString();
            }
        }
        catch (JsonException e)
        {
            return $"the line is not valid JSON ({e.Message.Split(" Path:")[0].TrimEnd('.').ToLowerInvariant()})";
        }
        if (hashField != hashText) return "the record holds more than one `hash`";

        // The hashed content is the line without its hash property, closed again.
        var content = new byte[line.Length - SuffixLength + 1];
        line[..^SuffixLength].CopyTo(content);
        content[^1] = (byte)'}';
        var actual = Sha256(content);
        record = new ParsedRecord(seq, prev, hashText, bundleDigest, decisionBundle, incident);
        return actual == hashText ? null : $"the record's content does not match its `hash` (it was changed after it was written)";
    }
}
