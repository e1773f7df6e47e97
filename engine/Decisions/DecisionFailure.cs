namespace Verdict.Decisions;

/// <summary>
/// A policy that failed while deciding one incident, with its diagnostic: the stage it ran in, the policy
/// (<c>id@version</c>), the item it failed on (an obligation, action or step id; null for the whole policy), the
/// stable code, the message and the place in the policy file. The rest of the decision is still computed, as Cedar's
/// authorizer skips an erroring policy and reports it.
/// </summary>
public sealed record DecisionFailure(
    string Stage,
    string Policy,
    string? Item,
    string Code,
    string Message,
    string? File,
    int? Line,
    int? Column,
    string? Help)
{
    /// <summary>Compiler-style text: <c>file:line:col: error VD1501: message</c>.</summary>
    public override string ToString() =>
        (File is null ? "" : $"{File}:{Line}:{Column}: ") + $"error {Code}: {Message}" + (Help is null ? "" : $"\n  help: {Help}");
}
