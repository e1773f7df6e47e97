using Verdict.Decisions;
using Verdict.Syntax;

namespace Verdict.Model;

/// <summary>One regime's notification duties in one jurisdiction.</summary>
public sealed class NotificationObligationDocument(PolicyHeader header, MapNode node, string file) : PolicyDocument(header, node, file)
{
    public required string Regime { get; init; }
    public required string Jurisdiction { get; init; }
    /// <summary>subjects | establishment | subjects-or-establishment | always.</summary>
    public required string Territorial { get; init; }
    public required IReadOnlyList<string> Roles { get; init; }
    public required IReadOnlyList<string> RegulatedAs { get; init; }
    public required IReadOnlyList<string> Sectors { get; init; }
    public Located? When { get; init; }
    public required IReadOnlyList<ObligationSpec> Obligations { get; init; }
}

public sealed record ObligationSpec(
    string Id, string? Title, string Recipient, string Citation, Located? When, bool SkipWhenUnknown,
    IReadOnlyList<ExemptionSpec> Exemptions, IReadOnlyList<StageSpec> Stages, IReadOnlyList<ContentSpec> Content, MapNode Node)
{
    /// <summary>The recipient by name, with its filing channel, when the policy states it.</summary>
    public Authority? Authority { get; init; }
}

public sealed record ExemptionSpec(string Id, Located When, string Reason, string? Citation, MapNode Node);

public sealed record StageSpec(string Stage, DeadlineSpec Deadline, string? Describe, string? Citation, MapNode Node);

public sealed record ContentSpec(string Item, Located? Fact, string? Citation, MapNode Node);

/// <summary>When a stage is due: one clock, or the earliest of several.</summary>
public sealed record DeadlineSpec(ClockSpec? Clock, IReadOnlyList<ClockSpec> EarliestOf, MapNode Node);

/// <summary>A duration from a clock event, counted under a jurisdiction's rules.</summary>
public sealed record ClockSpec(
    string From, int Amount, string Unit, bool? EndOfDay, string? Zone, string? Calendar, string Legal, MapNode Node)
{
    /// <summary>True for "without undue delay" duties with no numeric ceiling.</summary>
    public bool Asap => Unit == "asap";
}
