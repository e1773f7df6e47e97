using Verdict.Diagnostics;
using Verdict.Expressions;
using Verdict.Syntax;

namespace Verdict.Tests.Syntax;

/// <summary>Diagnostics inside block scalars and about tabs point at the line and column the author sees.</summary>
public class YamlPositionTests
{
    private static Diagnostic CompileError(string yaml)
    {
        var when = (ScalarNode)((MapNode)NodeReader.Read(yaml, "p.yaml")).Get("when")!;
        return Assert.Throws<VerdictException>(() => LambdaLanguage.Instance.CompileCondition(when.Value, when.Location, when.ContentColumnOffset)).Diagnostics[0];
    }

    [Fact]
    public void A_typo_on_the_second_line_of_a_block_scalar_is_reported_on_that_line_and_column()
    {
        var d = CompileError("id: x\nwhen: |\n  data.records > 0 &&\n    data.recrods > 5\n");
        Assert.Equal(Codes.UnknownFactPath, d.Code);
        Assert.Equal(new SourceLocation("p.yaml", 4, 10), d.Location);
    }

    [Fact]
    public void A_typo_on_the_first_line_of_a_block_scalar_is_reported_below_the_indicator()
    {
        var d = CompileError("id: x\nwhen: |\n    data.recrods > 5\n");
        Assert.Equal(new SourceLocation("p.yaml", 3, 10), d.Location);
    }

    [Fact]
    public void A_tab_used_for_indentation_is_reported_on_its_own_line_with_a_use_spaces_hint()
    {
        var d = Assert.Throws<VerdictException>(() => NodeReader.Read("id: x\nwhen:\n\tdata: 1\n", "p.yaml")).Diagnostics[0];
        Assert.Equal(new SourceLocation("p.yaml", 3, 1), d.Location);
        Assert.Contains("use spaces", d.Help);
    }

    [Theory]
    [InlineData("scores: { health: 1e400 }", "1e400")]
    [InlineData("records: 99999999999999999999", "99999999999999999999")]
    [InlineData("records: -1e309", "-1e309")]
    public void A_number_no_reader_can_hold_is_a_located_error(string yaml, string number)
    {
        var d = Assert.Throws<VerdictException>(() => NodeReader.Read("id: x\n" + yaml + "\n", "p.yaml")).Diagnostics[0];
        Assert.Equal(Codes.NumberOutOfRange, d.Code);
        Assert.Equal(2, d.Location!.Line);
        Assert.Contains($"`{number}`", d.Message);
    }
}
