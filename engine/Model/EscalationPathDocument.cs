using NodaTime;
using Verdict.Syntax;

namespace Verdict.Model;

/// <summary>Ordered escalation steps, each selected by a condition and due at an absolute instant.</summary>
public sealed class EscalationPathDocument(PolicyHeader header, MapNode node, string file) : PolicyDocument(header, node, file)
{
    /// <summary>The steps in the order they are paged.</summary>
    public required IReadOnlyList<EscalationStepSpec> Steps { get; init; }
}

/// <summary>One step: who is paged, how, how fast they must acknowledge, and whom to page when they do not.</summary>
public sealed record EscalationStepSpec(
    string Id,
    string Role,
    string Channel,
    Duration AckWithin,
    string? EscalateTo,
    Located? When,
    bool IncludeWhenUnknown,
    DueSpec? Due,
    string? Reason,
    string? Citation,
    MapNode Node);

/// <summary>
/// When a step is due: <see cref="Offset"/> after a timeline event, or before an anchor computed by the decision
/// (<c>earliestDue</c>: the earliest dueAt of a required notification to a regulator).
/// </summary>
public sealed record DueSpec(string? After, string? Before, Duration Offset, MapNode Node);
