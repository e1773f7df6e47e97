using System.Buffers;
using System.Text.Json;
using NodaTime;
using NodaTime.Text;
using Verdict.Decisions;
using Verdict.Diagnostics;
using Verdict.Rendering;
using Verdict.Syntax;

namespace Verdict.Cli.Serve;

/// <summary>
/// The JSON of <c>POST /v1/access</c>: the request <c>{actor, purpose, object, fields, records, external,
/// categories, on}</c> and the answer <c>{allow, violations, bundle}</c>.
/// </summary>
public static class AccessJson
{
    private static readonly string[] Keys = ["actor", "purpose", "object", "fields", "records", "external", "categories", "on"];

    /// <summary>Reads a request; on failure returns null and the errors, each with its JSON path.</summary>
    public static AccessRequest? Read(ReadOnlySpan<byte> body, List<RequestError> errors)
    {
        using var doc = JsonDocument.Parse(body.ToArray(), new JsonDocumentOptions { MaxDepth = JsonBody.MaxDepth });
        var root = doc.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            errors.Add(new RequestError(Codes.WrongType, "expected an object with `actor`, `purpose`, `object` and `fields`", "$", null, null, null));
            return null;
        }
        foreach (var p in root.EnumerateObject())
            if (Array.IndexOf(Keys, p.Name) < 0)
                errors.Add(new RequestError(Codes.UnknownKey, $"unknown key `{p.Name}`", $"$.{p.Name}", null, null,
                    Suggest.Nearest(p.Name, Keys) is { } near ? $"did you mean `{near}`?" : $"expected one of: {string.Join(", ", Keys)}"));

        string Required(string key)
        {
            if (!root.TryGetProperty(key, out var v))
                errors.Add(new RequestError(Codes.MissingKey, $"missing required key `{key}`", "$", null, null, $"add `\"{key}\"`"));
            else if (v.ValueKind != JsonValueKind.String || v.GetString()!.Length == 0)
                errors.Add(new RequestError(Codes.WrongType, $"expected a non-empty string for `{key}`", $"$.{key}", null, null, null));
            else return v.GetString()!;
            return "";
        }
        IReadOnlyList<string> Strings(string key)
        {
            if (!root.TryGetProperty(key, out var v) || v.ValueKind == JsonValueKind.Null) return [];
            if (v.ValueKind != JsonValueKind.Array)
            {
                errors.Add(new RequestError(Codes.WrongType, $"expected a list of strings for `{key}`", $"$.{key}", null, null, null));
                return [];
            }
            var list = new List<string>();
            var i = 0;
            foreach (var item in v.EnumerateArray())
            {
                if (item.ValueKind == JsonValueKind.String) list.Add(item.GetString()!);
                else errors.Add(new RequestError(Codes.WrongType, $"expected a string, found {Word(item.ValueKind)}", $"$.{key}[{i}]", null, null, null));
                i++;
            }
            return list;
        }

        var actor = Required("actor");
        var purpose = Required("purpose");
        var obj = Required("object");
        var fields = Strings("fields");
        var categories = Strings("categories");
        long? records = null;
        if (root.TryGetProperty("records", out var r) && r.ValueKind != JsonValueKind.Null)
        {
            if (r.ValueKind == JsonValueKind.Number && r.TryGetInt64(out var n) && n >= 0) records = n;
            else errors.Add(new RequestError(Codes.WrongType, "expected a whole number of records, 0 or more", "$.records", null, null, null));
        }
        var external = false;
        if (root.TryGetProperty("external", out var x) && x.ValueKind != JsonValueKind.Null)
        {
            if (x.ValueKind is JsonValueKind.True or JsonValueKind.False) external = x.GetBoolean();
            else errors.Add(new RequestError(Codes.WrongType, "expected true or false for `external`", "$.external", null, null, null));
        }
        LocalDate? on = null;
        if (root.TryGetProperty("on", out var o) && o.ValueKind != JsonValueKind.Null)
        {
            var parsed = o.ValueKind == JsonValueKind.String ? LocalDatePattern.Iso.Parse(o.GetString()!) : null;
            if (parsed is { Success: true }) on = parsed.Value;
            else errors.Add(new RequestError(Codes.BadFormat, "expected a date like 2026-11-20 for `on`", "$.on", null, null,
                "the UTC date whose bindings apply; leave it out for the newest"));
        }
        if (errors.Count > 0) return null;
        return new AccessRequest(actor, purpose, obj, fields, records, external) { Categories = categories, On = on };
    }

    private static string Word(JsonValueKind k) => k switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "a list",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => "a string",
    };

    /// <summary>The request in canonical form (keys sorted, lists as given), whose SHA-256 the decision log records.</summary>
    public static byte[] Canonical(AccessRequest q)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = CanonicalJson.Encoder }))
        {
            w.WriteStartObject();
            w.WriteString("actor", q.Actor);
            if (q.Categories.Count > 0) DecisionJson.Strings(w, "categories", q.Categories);
            w.WriteBoolean("external", q.External);
            DecisionJson.Strings(w, "fields", q.Fields);
            w.WriteString("object", q.Object);
            if (q.On is { } on) w.WriteString("on", LocalDatePattern.Iso.Format(on));
            w.WriteString("purpose", q.Purpose);
            if (q.Records is { } n) w.WriteNumber("records", n); else w.WriteNull("records");
            w.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>The answer: <c>allow</c>, <c>violations</c> (as in a decision's <c>purposeViolations</c>) and the bundle.</summary>
    public static byte[] Write(AccessDecision d, BundleInfo bundle, bool indented)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = CanonicalJson.Encoder, Indented = indented, NewLine = "\n" }))
        {
            w.WriteStartObject();
            w.WriteBoolean("allow", d.Allow);
            DecisionJson.Violations(w, "violations", d.Violations);
            DecisionJson.Bundle(w, bundle);
            w.WriteEndObject();
        }
        if (indented) buffer.Write("\n"u8);
        return buffer.WrittenSpan.ToArray();
    }
}
