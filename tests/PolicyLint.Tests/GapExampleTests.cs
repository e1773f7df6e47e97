using System.Text;
using System.Text.RegularExpressions;
using Verdict.Compilation;
using Verdict.Diagnostics;
using Verdict.Facts;

namespace Verdict.Lint.Tests;

/// <summary>
/// A gap finding's example is a real incident no row covers: deciding it with the engine fails with "no row matches".
/// </summary>
public partial class GapExampleTests
{
    /// <summary>Turns "`data.records = 100`, `breach.dataHolder = public`" into facts YAML.</summary>
    private static string Facts(string message)
    {
        var sections = new SortedDictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (Match m in Example().Matches(message))
        {
            var (path, value) = (m.Groups[1].Value, m.Groups[2].Value);
            var dot = path.IndexOf('.');
            if (!sections.TryGetValue(path[..dot], out var lines)) sections[path[..dot]] = lines = [];
            lines.Add($"  {path[(dot + 1)..]}: {value}");
        }
        var yaml = new StringBuilder("id: INC-GAP\ntimeline: { awareAt: 2026-03-02T10:00:00Z }\n");
        foreach (var (section, lines) in sections) yaml.Append(section).Append(":\n").AppendJoin('\n', lines).Append('\n');
        return yaml.ToString();
    }

    private static void ExampleIsUncovered(string bundleDir)
    {
        var gap = new Linter().Lint(bundleDir).Findings.Single(f => f.Code == Codes.TableGap);
        var facts = FactsLoader.LoadText(Facts(gap.Message));
        var decision = PolicyBundle.Load(bundleDir).Decide(facts);
        Assert.Equal("failed", decision.Severity.Level);
        Assert.Equal(Codes.UniqueNoHit, Assert.Single(decision.Failures).Code);
    }

    [Fact]
    public void Gap_example_of_the_broken_case_matches_no_row() =>
        ExampleIsUncovered(Path.Combine(TestPaths.Cases, "VD1602-table-gap"));

    [Fact]
    public void Removing_a_row_of_the_shipped_matrix_gives_a_gap_whose_example_matches_no_row()
    {
        using var copy = new TempCopy(TestPaths.Policies);
        copy.Replace("severity/crm-ai.yaml", "when: { dpc: \"< 2\", records: \"< 100000\" }", "when: { dpc: \"< 2\", records: \"< 1000\" }");
        var gap = new Linter().Lint(copy.Dir).Findings.Single(f => f.Code == Codes.TableGap);
        Assert.Contains("`data.records = 1000`", gap.Message);
        Assert.EndsWith("severity/crm-ai.yaml", gap.Location!.File);
        ExampleIsUncovered(copy.Dir);
    }

    [Fact]
    public void A_text_input_without_an_enumeration_is_tried_with_a_value_no_cell_names()
    {
        using var copy = new TempCopy(Path.Combine(TestPaths.Cases, "VD1602-table-gap"));
        File.WriteAllText(copy.PathOf("severity/matrix.yaml"), File.ReadAllText(copy.PathOf("severity/matrix.yaml"))
            .Replace("expression: breach.dataHolder", "expression: source.system")
            .Replace("[public, unknown-party]", "[salesforce]"));
        var gap = new Linter().Lint(copy.Dir).Findings.Single(f => f.Code == Codes.TableGap);
        Assert.Contains("`data.records = 100`, `source.system = other`", gap.Message);
        ExampleIsUncovered(copy.Dir);
    }

    [GeneratedRegex(@"`([a-z]+\.[A-Za-z.]+) = ([^`]+)`")]
    private static partial Regex Example();
}
