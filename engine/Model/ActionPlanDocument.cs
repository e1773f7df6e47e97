using Verdict.Syntax;

namespace Verdict.Model;

/// <summary>A containment and forensic playbook: actions with conditions, parameters from facts and dependencies.</summary>
public sealed class ActionPlanDocument(PolicyHeader header, MapNode node, string file) : PolicyDocument(header, node, file)
{
    /// <summary>The actions as written (the plan orders them).</summary>
    public required IReadOnlyList<ActionSpec> Actions { get; init; }
}

/// <summary>One action of a playbook.</summary>
public sealed record ActionSpec(
    string Id,
    string? Title,
    Located? When,
    bool IncludeWhenUnknown,
    IReadOnlyList<KeyValuePair<string, Located>> Params,
    ForEachSpec? ForEach,
    IReadOnlyList<Located> After,
    string? Citation,
    MapNode Node);

/// <summary>Repeats an action once per element of a list, the element becoming parameter <see cref="Param"/>.</summary>
public sealed record ForEachSpec(string Param, Located In);
