using System.Text.Json;

namespace Verdict.Bench.W1;

/// <summary>One line of W1's facts.jsonl as typed objects (W1.md, "Facts").</summary>
public sealed class W1Incident
{
    public string Id = "";
    public DateTime AwareAt;
    public List<string> DataCategories = [];
    public long Records;
    /// <summary>Affected people per W1 jurisdiction code, in the order of the line.</summary>
    public Dictionary<string, long> Subjects = new(StringComparer.Ordinal);
    public bool AiInvolved;
    public string Autonomy = "";
    public string RiskClass = "";
    public bool Encrypted;
    public string Sector = "";
    public bool Listed;
    public bool Material;

    /// <summary>Parses one JSON line; throws on anything W1 does not define, so a changed generator fails loudly.</summary>
    public static W1Incident Parse(ReadOnlySpan<byte> line)
    {
        var r = new Utf8JsonReader(line);
        var x = new W1Incident();
        Expect(ref r, JsonTokenType.StartObject);
        while (Next(ref r) == JsonTokenType.PropertyName)
        {
            var name = r.GetString();
            r.Read();
            switch (name)
            {
                case "id": x.Id = r.GetString()!; break;
                case "awareAt": x.AwareAt = r.GetDateTime().ToUniversalTime(); break;
                case "dataCategories":
                    while (Next(ref r) == JsonTokenType.String) x.DataCategories.Add(r.GetString()!);
                    break;
                case "records": x.Records = r.GetInt64(); break;
                case "subjects":
                    while (Next(ref r) == JsonTokenType.PropertyName)
                    {
                        var code = r.GetString()!;
                        r.Read();
                        x.Subjects[code] = r.GetInt64();
                    }
                    break;
                case "ai":
                    while (Next(ref r) == JsonTokenType.PropertyName)
                    {
                        var key = r.GetString();
                        r.Read();
                        switch (key)
                        {
                            case "involved": x.AiInvolved = r.GetBoolean(); break;
                            case "autonomy": x.Autonomy = r.GetString()!; break;
                            case "riskClass": x.RiskClass = r.GetString()!; break;
                            default: throw new FormatException($"unknown key `ai.{key}` in a W1 line");
                        }
                    }
                    break;
                case "encrypted": x.Encrypted = r.GetBoolean(); break;
                case "sector": x.Sector = r.GetString()!; break;
                case "listed": x.Listed = r.GetBoolean(); break;
                case "material": x.Material = r.GetBoolean(); break;
                default: throw new FormatException($"unknown key `{name}` in a W1 line");
            }
        }
        return x;
    }

    /// <summary>Parses every non-empty line of facts.jsonl.</summary>
    public static W1Incident[] ParseAll(byte[] jsonl)
    {
        var list = new List<W1Incident>(10_000);
        var span = jsonl.AsSpan();
        while (span.Length > 0)
        {
            var nl = span.IndexOf((byte)'\n');
            var line = nl < 0 ? span : span[..nl];
            if (line.Length > 0) list.Add(Parse(line));
            span = nl < 0 ? default : span[(nl + 1)..];
        }
        return list.ToArray();
    }

    private static JsonTokenType Next(ref Utf8JsonReader r)
    {
        if (!r.Read()) throw new FormatException("a W1 line ends early");
        return r.TokenType;
    }

    private static void Expect(ref Utf8JsonReader r, JsonTokenType t)
    {
        if (Next(ref r) != t) throw new FormatException($"expected {t} in a W1 line, found {r.TokenType}");
    }
}
