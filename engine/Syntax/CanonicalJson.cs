using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Verdict.Syntax;

/// <summary>
/// Canonical JSON of a node tree: keys sorted ordinally, no insignificant whitespace, numbers as written. Two files
/// that differ only in layout, key order or comments have the same canonical form and so the same digest.
/// </summary>
public static class CanonicalJson
{
    /// <summary>Options shared by every writer in Verdict: no escaping of non-ASCII or HTML characters beyond JSON's own rules.</summary>
    public static readonly JavaScriptEncoder Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;

    /// <summary>The canonical text of a tree.</summary>
    public static string Of(Node node)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = Encoder }))
            Write(w, node);
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>Writes a tree canonically.</summary>
    public static void Write(Utf8JsonWriter w, Node node)
    {
        switch (node)
        {
            case MapNode m:
                w.WriteStartObject();
                foreach (var (k, v) in m.Entries.OrderBy(e => e.Key.Value, StringComparer.Ordinal))
                {
                    w.WritePropertyName(k.Value);
                    Write(w, v);
                }
                w.WriteEndObject();
                break;
            case SeqNode s:
                w.WriteStartArray();
                foreach (var item in s.Items) Write(w, item);
                w.WriteEndArray();
                break;
            case ScalarNode sc:
                switch (sc.Kind)
                {
                    case ScalarKind.Null: w.WriteNullValue(); break;
                    case ScalarKind.Bool: w.WriteBooleanValue(NodeReader.AsBool(sc)); break;
                    case ScalarKind.Integer when long.TryParse(sc.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var l):
                        w.WriteNumberValue(l); break;
                    case ScalarKind.Integer or ScalarKind.Float: w.WriteNumberValue(NodeReader.AsDouble(sc)); break;
                    default: w.WriteStringValue(sc.Value); break;
                }
                break;
        }
    }

    /// <summary><c>sha256:</c> and the lowercase hex digest of a UTF-8 string.</summary>
    public static string Digest(string text) => "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
