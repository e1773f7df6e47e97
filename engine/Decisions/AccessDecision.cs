using NodaTime;

namespace Verdict.Decisions;

/// <summary>
/// One read an actor is about to make, as a runtime service asks before an agent's CRM query.
/// <paramref name="Fields"/> empty means the whole object (every field); <paramref name="Records"/> null means unknown.
/// </summary>
public sealed record AccessRequest(
    string Actor,
    string Purpose,
    string Object,
    IReadOnlyList<string> Fields,
    long? Records = null,
    bool External = false)
{
    /// <summary>Data categories the access touches, when the caller knows them.</summary>
    public IReadOnlyList<string> Categories { get; init; } = [];

    /// <summary>The UTC date whose bindings apply; null for the newest version of each binding (no clock is read).</summary>
    public LocalDate? On { get; init; }
}

/// <summary>The answer to an <see cref="AccessRequest"/>: allowed exactly when no binding rule is broken.</summary>
public sealed record AccessDecision(bool Allow, IReadOnlyList<PurposeViolation> Violations)
{
    /// <summary>The shared allow answer, so the allow path allocates nothing.</summary>
    public static AccessDecision Allowed { get; } = new(true, []);

    /// <summary>A denial listing the rules broken.</summary>
    public static AccessDecision Deny(IReadOnlyList<PurposeViolation> violations) => new(false, violations);
}
