using Verdict.Compilation;
using Verdict.Diagnostics;
using Verdict.Facts;

namespace Verdict.Tests.Severity;

public class SeverityMatrixTests
{
    private static string Matrix(string hitPolicy, string rows, string modifiers = "") => $"""
        apiVersion: verdict.dev/v1
        kind: SeverityMatrix
        id: severity/test
        version: 1.0.0
        owner: test
        effective: {"{"} from: 2020-01-01 {"}"}
        hitPolicy: {hitPolicy}
        inputs:
          - id: records
            expression: data.records
          - id: cats
            expression: data.categories
        rows:
        {rows}
        {modifiers}
        """;

    private static PolicyBundle Bundle(string yaml)
    {
        using var t = new TempBundle();
        t.Write("severity/m.yaml", yaml);
        return PolicyBundle.Load(t.Dir);
    }

    private static IncidentFacts Facts(string data) =>
        FactsLoader.LoadText("id: I\ntimeline:\n  awareAt: 2026-03-01T10:00:00Z\n" + data);

    private const string TwoRows = """
          - { id: small, when: { records: "< 1000" }, level: low }
          - { id: health, when: { cats: [health, genetic] }, level: high }
        """;

    [Fact]
    public void Unique_table_matching_two_rows_fails_the_severity_naming_them()
    {
        var b = Bundle(Matrix("unique", TwoRows));
        var d = b.Decide(Facts("data:\n  records: 10\n  categories: [health]\n"));
        Assert.Equal("failed", d.Severity.Level);
        var f = Assert.Single(d.Failures);
        Assert.Equal((Codes.UniqueMultipleHits, "severity", "severity/test@1.0.0"), (f.Code, f.Stage, f.Policy));
        Assert.Contains("`small`, `health`", f.Message);
    }

    [Fact]
    public void Unique_table_matching_no_row_fails_the_severity()
    {
        var b = Bundle(Matrix("unique", TwoRows));
        var d = b.Decide(Facts("data:\n  records: 5000\n  categories: [contact]\n"));
        Assert.Equal("failed", d.Severity.Level);
        Assert.Equal(Codes.UniqueNoHit, Assert.Single(d.Failures).Code);
    }

    [Theory]
    [InlineData("first", "low", "small")]
    [InlineData("priority", "high", "health")]
    [InlineData("collect", "high", "small,health")]
    public void Hit_policies_choose_rows_as_in_dmn(string hitPolicy, string level, string rows)
    {
        var d = Bundle(Matrix(hitPolicy, TwoRows)).Decide(Facts("data:\n  records: 10\n  categories: [health]\n"));
        Assert.Equal(level, d.Severity.Level);
        Assert.Equal(rows, string.Join(",", d.Severity.Rows));
    }

    [Fact]
    public void A_missing_input_makes_the_severity_indeterminate_with_the_path()
    {
        var d = Bundle(Matrix("first", TwoRows)).Decide(Facts("data:\n  categories: [health]\n"));
        Assert.Equal("indeterminate", d.Severity.Level);
        Assert.Equal(["data.records"], d.Severity.MissingFacts);
    }

    [Theory]
    [InlineData("[100..1000)", 100, true)]
    [InlineData("[100..1000)", 1000, false)]
    [InlineData("(100..1000]", 100, false)]
    [InlineData("(100..1000]", 1000, true)]
    [InlineData(">= 5", 5, true)]
    [InlineData("< 5", 5, false)]
    [InlineData("7", 7, true)]
    [InlineData("-", 12345, true)]
    public void Range_and_comparison_cells(string cell, int records, bool matches)
    {
        var rows = $"  - {{ id: r, when: {{ records: \"{cell}\" }}, level: high }}\n  - {{ id: other, level: low }}\n";
        var d = Bundle(Matrix("first", rows)).Decide(Facts($"data:\n  records: {records}\n  categories: []\n"));
        Assert.Equal(matches ? "high" : "low", d.Severity.Level);
    }

    [Fact]
    public void Modifiers_adjust_and_clamp()
    {
        var mods = """
            modifiers:
              - { id: up, when: 'data.records > 0', adjust: 3 }
              - { id: floor, when: 'data.categories.Contains("contact")', atMost: medium }
            """;
        var d = Bundle(Matrix("first", "  - { id: any, level: medium }\n", mods)).Decide(Facts("data:\n  records: 5\n  categories: [contact]\n"));
        Assert.Equal("medium", d.Severity.Level);
        Assert.Equal(["up", "floor"], d.Severity.Modifiers);
    }

    [Fact]
    public void Obligations_are_unknown_to_the_severity_stage_that_runs_before_them()
    {
        var mods = "modifiers:\n  - { id: owed, when: 'owes(\"gdpr\")', adjust: 1 }\n";
        var d = Bundle(Matrix("first", "  - { id: any, level: low }\n", mods)).Decide(Facts("data:\n  records: 5\n  categories: []\n"));
        Assert.Equal("indeterminate", d.Severity.Level);
        Assert.Equal(["obligations"], d.Severity.MissingFacts);
    }

    [Fact]
    public void A_cell_of_the_wrong_type_is_a_load_error_at_its_place()
    {
        using var t = new TempBundle();
        t.Write("severity/m.yaml", Matrix("first", "  - { id: r, when: { records: \"[a..b]\" }, level: high }\n"));
        var e = Assert.Throws<VerdictException>(() => PolicyBundle.Load(t.Dir));
        Assert.Equal(Codes.BadCell, e.Diagnostics[0].Code);
        Assert.EndsWith("severity/m.yaml", e.Diagnostics[0].Location!.File);
    }
}
