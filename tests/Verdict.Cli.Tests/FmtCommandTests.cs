using Verdict.Cli.Commands;
using Verdict.Cli.Formatting;
using Verdict.Syntax;

namespace Verdict.Cli.Tests;

/// <summary><c>verdict fmt</c>: canonical layout that keeps meaning and comments.</summary>
public class FmtCommandTests
{
    private const string Messy =
        "apiVersion:   verdict.dev/v1   \r\nkind: SeverityMatrix\n\n\n\n# rows below\nrows:\n- id: a    # first\n" +
        "  when: {records: \">= 10\",  holder: [public,unknown-party]}\n  level: high\n  note: |\n      line one\n        indented\n" +
        "- id: b\n  level: low\ninputs:\n    -   id: records\n        expression: data.records\nempty: []\n";

    private const string Canonical =
        "apiVersion: verdict.dev/v1\nkind: SeverityMatrix\n\n# rows below\nrows:\n  - id: a  # first\n" +
        "    when: { records: \">= 10\", holder: [public, unknown-party] }\n    level: high\n    note: |\n      line one\n        indented\n" +
        "  - id: b\n    level: low\ninputs:\n  - id: records\n    expression: data.records\nempty: []\n";

    [Fact]
    public void A_messy_file_is_laid_out_canonically() => Assert.Equal(Canonical, YamlLayout.Format(Messy));

    [Fact]
    public void The_canonical_layout_is_a_fixed_point() => Assert.Equal(Canonical, YamlLayout.Format(Canonical));

    [Fact]
    public void Every_shipped_policy_file_keeps_its_meaning_and_comments_and_formats_to_a_fixed_point()
    {
        var files = Directory.GetFiles(Path.Combine(TestPolicyCopy.Root, "policies"), "*.yaml", SearchOption.AllDirectories);
        Assert.True(files.Length > 40);
        var formatted = 0;
        foreach (var file in files)
        {
            var text = File.ReadAllText(file);
            var (result, problem) = FmtCommand.Format(text, file);
            if (problem is not null) { Assert.Contains(": warning: not formatted: the comment at this place cannot be kept", problem); continue; }
            formatted++;
            Assert.Equal(CanonicalJson.Of(NodeReader.Read(text, file)), CanonicalJson.Of(NodeReader.Read(result!, file)));
            Assert.Equal(FmtCommand.Comments(text), FmtCommand.Comments(result!));
            Assert.Equal(result, YamlLayout.Format(result!));
        }
        Assert.True(formatted >= files.Length - 2, $"{formatted} of {files.Length}");
    }

    [Fact]
    public void Check_lists_files_out_of_layout_exits_1_and_writes_nothing()
    {
        using var copy = new TestPolicyCopy();
        copy.Write("policies/severity/messy.yaml", Messy);
        var output = new StringWriter { NewLine = "\n" };
        Assert.Equal(1, FmtCommand.Run([copy.PathOf("policies/severity")], check: true, quiet: false, output));
        Assert.Contains("not formatted: ", output.ToString());
        Assert.Equal(Messy, File.ReadAllText(copy.PathOf("policies/severity/messy.yaml")));
    }

    [Fact]
    public void Fmt_rewrites_the_file_and_a_second_check_passes()
    {
        using var copy = new TestPolicyCopy();
        copy.Write("policies/severity/messy.yaml", Messy);
        Assert.Equal(0, FmtCommand.Run([copy.PathOf("policies/severity/messy.yaml")], check: false, quiet: true, TextWriter.Null));
        Assert.Equal(Canonical, File.ReadAllText(copy.PathOf("policies/severity/messy.yaml")));
        Assert.Equal(0, FmtCommand.Run([copy.PathOf("policies/severity/messy.yaml")], check: true, quiet: true, TextWriter.Null));
    }

    [Fact]
    public void A_file_with_anchors_is_left_as_it_is_with_a_warning()
    {
        var (text, problem) = FmtCommand.Format("a: &x 1\nb: *x\n", "f.yaml");
        Assert.Null(text);
        Assert.StartsWith("f.yaml:1:1: warning: not formatted: the file uses anchors", problem);
    }

    [Fact]
    public void Invalid_yaml_is_an_error_at_its_place()
    {
        var (text, problem) = FmtCommand.Format("a: [1, 2\nb: 3\n", "f.yaml");
        Assert.Null(text);
        Assert.Matches(@"^f\.yaml:\d+:\d+: error VD1003: invalid YAML, not formatted", problem);
    }
}
