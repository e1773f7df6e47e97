using Verdict.Compilation;
using Verdict.Lint.Tables;
using Verdict.Syntax;

namespace Verdict.Lint.Tests;

/// <summary>The representative values a table analysis tries for a numeric input.</summary>
public class InputDomainTests
{
    /// <summary>Cells as written in YAML (quoted scalars, or a flow list for "any of").</summary>
    private static List<Cell> Cells(params string[] yaml) =>
        yaml.Select(t => Cell.Compile(NodeReader.Read(t, "test"), InputKind.Number, "x")).ToList();

    [Fact]
    public void Counts_are_tried_at_each_boundary_beside_it_and_at_the_minimum() =>
        Assert.Equal([0, 99, 100, 101, 999, 1000, 1001], InputDomain.Numbers(Cells("'>= 1000'", "'[100..1000)'"), integer: true, minimum: 0));

    [Fact]
    public void Real_numbers_are_tried_at_each_boundary_between_them_and_beyond() =>
        Assert.Equal([2, 3, 3.5, 4, 5], InputDomain.Numbers(Cells("'[3..4)'", "'>= 4'"), integer: false, minimum: null));

    [Fact]
    public void Listed_numbers_count_as_boundaries() =>
        Assert.Equal([0, 1, 2, 3, 4, 6, 7, 8], InputDomain.Numbers(Cells("[2, 7]", "'!= 3'"), integer: true, minimum: 0));

    [Fact]
    public void An_input_no_cell_tests_is_tried_once() =>
        Assert.Equal([0], InputDomain.Numbers([], integer: true, minimum: 0));
}
