using Verdict.Syntax;

namespace Verdict.Model;

/// <summary>
/// One processing purpose: the actors allowed to act under it, the fields and data categories it may touch (deny wins
/// over allow), per-access record limits, and whether data may leave for an external AI endpoint.
/// </summary>
public sealed class PurposeBindingDocument(PolicyHeader header, MapNode node, string file) : PolicyDocument(header, node, file)
{
    /// <summary>The purpose bound, as access facts and requests name it.</summary>
    public required string Purpose { get; init; }
    /// <summary>The lawful basis relied on, for the record.</summary>
    public string? LawfulBasis { get; init; }
    /// <summary>The rule a violation breaks, shown with each violation.</summary>
    public string? Citation { get; init; }
    /// <summary>Exact ids of the actors allowed to act under the purpose.</summary>
    public required IReadOnlyList<Located> Actors { get; init; }
    /// <summary><c>Object.Field</c> patterns the purpose may read.</summary>
    public required IReadOnlyList<Located> Allow { get; init; }
    /// <summary>Patterns the purpose must never read, with the reason.</summary>
    public required IReadOnlyList<DenyRuleSpec> Deny { get; init; }
    /// <summary>Data categories the purpose may touch; null when any category not denied is fine.</summary>
    public IReadOnlyList<string>? AllowCategories { get; init; }
    /// <summary>Data categories the purpose must never touch.</summary>
    public required IReadOnlyList<string> DenyCategories { get; init; }
    /// <summary>Most records one access may read; null for no limit.</summary>
    public long? RecordsPerAccess { get; init; }
    /// <summary>Per-object limits that replace <see cref="RecordsPerAccess"/> for that object.</summary>
    public required IReadOnlyList<KeyValuePair<string, long>> RecordsByObject { get; init; }
    /// <summary>Whether data may leave for an external AI endpoint under this purpose.</summary>
    public bool ExternalAi { get; init; }
}

/// <summary>A named deny rule: the patterns it forbids and why.</summary>
public sealed record DenyRuleSpec(string Id, IReadOnlyList<Located> Fields, string Reason, string? Citation, MapNode Node);
