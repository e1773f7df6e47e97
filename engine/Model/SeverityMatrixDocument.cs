using Verdict.Syntax;

namespace Verdict.Model;

/// <summary>A DMN-style decision table that yields a severity level, with modifiers applied after the table.</summary>
public sealed class SeverityMatrixDocument(PolicyHeader header, MapNode node, string file) : PolicyDocument(header, node, file)
{
    public required string HitPolicy { get; init; }
    public required IReadOnlyList<MatrixInput> Inputs { get; init; }
    public required IReadOnlyList<MatrixRow> Rows { get; init; }
    public required IReadOnlyList<SeverityModifier> Modifiers { get; init; }
}

/// <summary>A table input: an expression, optionally scored (each value or list element mapped to a number).</summary>
public sealed record MatrixInput(string Id, string? Label, Located Expression, IReadOnlyDictionary<string, double>? Scores, string Aggregate, double? Default, Node Node);

/// <summary>A row: one cell per input it tests, and the level it yields.</summary>
public sealed record MatrixRow(string Id, IReadOnlyList<KeyValuePair<string, Node>> Cells, string Level, string? Rationale, string? Citation, MapNode Node);

/// <summary>A change to the table's level when a condition holds.</summary>
public sealed record SeverityModifier(string Id, Located When, int Adjust, string? AtLeast, string? AtMost, bool SkipWhenUnknown, string? Rationale, string? Citation, MapNode Node);
