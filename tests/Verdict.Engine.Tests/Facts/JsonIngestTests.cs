using System.Text;
using Verdict.Diagnostics;
using Verdict.Facts;
using Verdict.Rendering;

namespace Verdict.Tests.Facts;

/// <summary>JSON bodies go from UTF-8 bytes to facts without YAML; every problem names its JSON path.</summary>
public class JsonIngestTests
{
    private const string Head = "{\"id\":\"INC-1\",\"timeline\":{\"awareAt\":\"2026-11-20T15:30:00Z\"}";

    private static byte[] Utf8(string s) => Encoding.UTF8.GetBytes(s);

    private static Diagnostic Fails(byte[] body) =>
        Assert.Throws<VerdictException>(() => FactsLoader.LoadJson(body, "body")).Diagnostics[0];

    [Fact]
    public void Json_bytes_give_the_same_canonical_facts_as_yaml_text()
    {
        var yaml = FactsLoader.LoadText("id: INC-1\ntimeline:\n  awareAt: 2026-11-20T16:30:00+01:00\ndata:\n  records: 5\n  subjects: {DE: 3, FR: 2}\n");
        var json = FactsLoader.LoadJson(Utf8(Head + ",\"data\":{\"subjects\":{\"FR\":2,\"DE\":3},\"records\":5}}"));
        Assert.Equal(FactsJson.Canonical(yaml), FactsJson.Canonical(json));
    }

    [Fact]
    public void Every_shipped_example_reads_the_same_from_its_canonical_json()
    {
        foreach (var file in Directory.GetFiles(Path.Combine(Repo.Policies, "examples"), "*.yaml"))
        {
            var canonical = FactsJson.Canonical(FactsLoader.LoadFile(file));
            Assert.Equal(canonical, FactsJson.Canonical(FactsLoader.LoadJson(Utf8(canonical))));
        }
    }

    [Fact]
    public void Invalid_utf8_in_a_string_is_a_located_error_with_its_json_path()
    {
        var body = Utf8(Head + ",\"source\":{\"system\":\"X\"}}");
        var at = Array.IndexOf(body, (byte)'X');
        body[at] = 0xFF;
        var d = Fails(body);
        Assert.Equal(Codes.Syntax, d.Code);
        Assert.Equal("$.source.system", d.JsonPath);
        Assert.Contains("invalid UTF-8", d.Message);
    }

    [Fact]
    public void An_escaped_lone_surrogate_is_a_located_error_with_its_json_path()
    {
        var d = Fails(Utf8(Head + ",\"source\":{\"system\":\"a\\ud800b\"}}"));
        Assert.Equal("$.source.system", d.JsonPath);
        Assert.Equal((1, 80), (d.Location!.Line, d.Location.Column));
    }

    [Fact]
    public void A_lone_surrogate_in_yaml_text_is_a_located_error_not_an_exception()
    {
        var e = Assert.Throws<VerdictException>(() =>
            FactsLoader.LoadText("id: INC-1\ntimeline:\n  awareAt: 2026-11-20T15:30:00Z\nsource:\n  system: \"a\\ud800\"\n", "f.yaml"));
        Assert.Equal((5, 11), (e.Diagnostics[0].Location!.Line, e.Diagnostics[0].Location!.Column));
    }

    [Fact]
    public void A_file_that_is_not_utf8_is_a_located_error()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllBytes(path, [.. Utf8("id: INC-1\ntimeline:\n  awareAt: 2026-11-20T15:30:00Z\nsource:\n  system: "), 0xC3, 0x28, (byte)'\n']);
            var d = Assert.Throws<VerdictException>(() => FactsLoader.LoadFile(path, "f.yaml")).Diagnostics[0];
            Assert.Equal(Codes.Syntax, d.Code);
            Assert.Equal((5, 11), (d.Location!.Line, d.Location.Column));
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void Schema_errors_in_a_json_body_name_the_json_path_and_the_place()
    {
        var d = Fails(Utf8(Head + ",\n\"data\":{\"encryption\":\"encrpyted\"}}"));
        Assert.Equal(Codes.NotAllowedValue, d.Code);
        Assert.Equal("$.data.encryption", d.JsonPath);
        Assert.Equal((2, 22), (d.Location!.Line, d.Location.Column));
        Assert.StartsWith("did you mean `encrypted`?", d.Help);
    }

    [Fact]
    public void An_unknown_key_in_a_json_body_names_the_key_path()
    {
        var d = Fails(Utf8(Head + ",\"data\":{\"recrods\":5}}"));
        Assert.Equal("$.data.recrods", d.JsonPath);
        Assert.Equal("did you mean `records`?", d.Help);
    }

    [Theory]
    [InlineData("", Codes.EmptyDocument)]
    [InlineData("{\"id\":\"x\",,}", Codes.Syntax)]
    [InlineData("{\"id\":\"a\",\"id\":\"b\"}", Codes.DuplicateKey)]
    [InlineData("{} {}", Codes.Syntax)]
    [InlineData("[1]", Codes.WrongType)]
    public void Malformed_json_is_a_located_error(string body, string code)
    {
        var d = Fails(Utf8(body));
        Assert.Equal(code, d.Code);
        Assert.NotNull(d.JsonPath);
        Assert.NotNull(d.Location);
    }

    [Fact]
    public void Nesting_beyond_the_limit_is_refused_with_its_path()
    {
        var d = Fails(Utf8("{\"id\":" + new string('[', 100) + new string(']', 100) + "}"));
        Assert.Equal(Codes.TooDeep, d.Code);
    }

    [Fact]
    public void A_number_too_large_for_a_double_is_a_located_error()
    {
        var d = Fails(Utf8(Head + ",\"data\":{\"records\":1e400}}"));
        Assert.Equal(Codes.BadValue, d.Code);
        Assert.Equal("$.data.records", d.JsonPath);
    }

    [Fact]
    public void A_count_written_with_an_exponent_binds_as_the_same_count()
    {
        var f = FactsLoader.LoadJson(Utf8(Head + ",\"data\":{\"records\":1e3},\"access\":[{\"actor\":\"a\",\"purpose\":\"p\",\"object\":\"o\",\"records\":2.0E1}]}"));
        Assert.Equal(1000, f.Data.Records);
        Assert.Equal(20, f.Access[0].Records);
    }
}
