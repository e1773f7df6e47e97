using Verdict.Diagnostics;
using Verdict.Facts;

namespace Verdict.Tests.Facts;

public class FactsLoaderTests
{
    private const string Minimal = "id: INC-1\ntimeline:\n  awareAt: 2026-11-20T16:30:00+01:00\n";

    private static VerdictException Fails(string text) => Assert.Throws<VerdictException>(() => FactsLoader.LoadText(text, "facts.yaml"));

    [Theory]
    [InlineData("", Codes.EmptyDocument, 1, 1)]
    [InlineData("   \n", Codes.EmptyDocument, 1, 1)]
    [InlineData("id: [unclosed\n", Codes.Syntax, 2, 1)]
    [InlineData("{\"id\": \"x\",, }", Codes.Syntax, 1, 12)]
    [InlineData("id: INC-1\ntimeline:\n  awareAt: 2026-11-20T16:30:00Z\ndata:\n  records: lots\n", Codes.WrongType, 5, 12)]
    [InlineData("id: INC-1\ntimeline:\n  awareAt: 2026-11-20T16:30:00Z\nsurprise: 1\n", Codes.UnknownKey, 4, 1)]
    [InlineData("id: INC-1\ntimeline:\n  detectedAt: 2026-11-20T16:30:00Z\n", Codes.MissingKey, 3, 3)]
    [InlineData("id: INC-1\ntimeline:\n  awareAt: yesterday\n", Codes.BadFormat, 3, 12)]
    [InlineData("id: INC-1\ntimeline:\n  awareAt: 2026-11-20T16:30:00Z\ndata:\n  encryption: rot13\n", Codes.NotAllowedValue, 5, 15)]
    [InlineData("a: &x [1]\nb: *x\n", Codes.AliasNotAllowed, 2, 4)]
    [InlineData("id: a\nid: b\n", Codes.DuplicateKey, 2, 1)]
    [InlineData("- 1\n- 2\n", Codes.WrongType, 1, 1)]
    public void Bad_input_is_reported_with_code_and_place(string text, string code, int line, int column)
    {
        var d = Fails(text).Diagnostics[0];
        Assert.Equal(code, d.Code);
        Assert.Equal(("facts.yaml", line, column), (d.Location!.File, d.Location.Line, d.Location.Column));
    }

    [Fact]
    public void Unknown_key_suggests_the_nearest_known_key()
    {
        var d = Fails("id: INC-1\ntimeline:\n  awareAt: 2026-11-20T16:30:00Z\ndata:\n  recrods: 5\n").Diagnostics[0];
        Assert.Equal("unknown key `recrods` in `data`", d.Message);
        Assert.Equal("did you mean `records`?", d.Help);
    }

    [Fact]
    public void Every_schema_error_is_reported_not_just_the_first()
    {
        var e = Fails("id: INC-1\ntimeline:\n  awareAt: 2026-11-20T16:30:00Z\ndata:\n  records: -1\n  encryption: maybe\nbogus: 1\n");
        Assert.Equal(3, e.Diagnostics.Count);
    }

    [Fact]
    public void Alias_bomb_is_refused_before_expansion()
    {
        var bomb = "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n";
        Assert.Equal(Codes.AliasNotAllowed, Fails(bomb).Diagnostics[0].Code);
    }

    [Fact]
    public void Deep_nesting_is_refused()
    {
        var deep = "id: x\nextra: " + new string('[', 200) + new string(']', 200) + "\n";
        Assert.Equal(Codes.TooDeep, Fails(deep).Diagnostics[0].Code);
    }

    [Fact]
    public void Oversized_file_is_refused_before_parsing()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, Minimal + "# " + new string('x', 11 * 1024 * 1024) + "\n");
            var e = Assert.Throws<VerdictException>(() => FactsLoader.LoadFile(path, "big.yaml"));
            Assert.Equal(Codes.FileTooLarge, e.Diagnostics[0].Code);
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void Instants_are_normalized_to_utc()
    {
        var f = FactsLoader.LoadText(Minimal);
        Assert.Equal("2026-11-20T15:30:00Z", Verdict.Rendering.FactsJson.Format(f.Timeline.AwareAt));
    }

    [Fact]
    public void Sets_are_sorted_and_deduplicated()
    {
        var f = FactsLoader.LoadText(Minimal + "data:\n  categories: [health, contact, health]\n");
        Assert.Equal(["contact", "health"], f.Data.Categories);
    }

    [Fact]
    public void Json_and_yaml_give_the_same_canonical_facts()
    {
        var yaml = FactsLoader.LoadText(Minimal + "data:\n  records: 5\n  subjects: {DE: 3, FR: 2}\n");
        var json = FactsLoader.LoadText("{\"id\":\"INC-1\",\"timeline\":{\"awareAt\":\"2026-11-20T15:30:00Z\"},\"data\":{\"subjects\":{\"FR\":2,\"DE\":3},\"records\":5}}");
        Assert.Equal(Verdict.Rendering.FactsJson.Canonical(yaml), Verdict.Rendering.FactsJson.Canonical(json));
    }

    [Fact]
    public void Absent_optional_sections_are_not_present()
    {
        var f = FactsLoader.LoadText(Minimal);
        Assert.False(f.Has("data.records"));
        Assert.True(f.Has("timeline.awareAt"));
    }

    [Fact]
    public void Fact_path_catalog_matches_the_schema()
    {
        using var schema = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Repo.PathOf("schemas", "incident-facts.schema.json")));
        var leaves = new List<string>();
        void Walk(System.Text.Json.JsonElement props, string prefix)
        {
            foreach (var p in props.EnumerateObject())
            {
                var path = prefix + p.Name;
                if (p.Value.TryGetProperty("properties", out var inner) && p.Name != "subjects") Walk(inner, path + ".");
                else leaves.Add(path);
            }
        }
        Walk(schema.RootElement.GetProperty("properties"), "");
        var catalog = FactPaths.Leaves.Where(p => !FactPaths.IsDerived(p)).ToList();
        Assert.Equal(leaves.Order(StringComparer.Ordinal), catalog.Order(StringComparer.Ordinal));
    }
}
