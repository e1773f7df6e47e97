using NodaTime;
using Verdict.Diagnostics;
using Verdict.Syntax;

namespace Verdict.Model;

/// <summary>The fields every policy file has.</summary>
public sealed record PolicyHeader(
    string Kind,
    string Id,
    string Version,
    LocalDate From,
    LocalDate? Until,
    string Owner,
    string? Title,
    IReadOnlyList<string> Citations,
    string? Verification,
    IReadOnlyList<string> Unverified,
    string Language,
    IReadOnlyDictionary<string, string> Functions,
    DateTimeZone Zone)
{
    /// <summary><c>id@version</c>, as decisions cite a policy.</summary>
    public string Ref => $"{Id}@{Version}";

    /// <summary>When this version is in force, read in <see cref="Zone"/> against <c>timeline.awareAt</c>: the one
    /// answer every kind uses.</summary>
    public EffectivePeriod Effective { get; } = new(From, Until, Zone);
}

/// <summary>A policy file read into its typed form. Nodes are kept so that every later message can point at a line.</summary>
public abstract class PolicyDocument(PolicyHeader header, MapNode node, string file)
{
    /// <summary>The common fields.</summary>
    public PolicyHeader Header { get; } = header;

    /// <summary>The parsed file.</summary>
    public MapNode Node { get; } = node;

    /// <summary>The file's path relative to the bundle root.</summary>
    public string File { get; } = file;

    /// <summary>Where the policy starts.</summary>
    public SourceLocation Location => Node.Location;
}

/// <summary>A text written in a policy together with where it was written.</summary>
public sealed record Located(string Text, SourceLocation Location, int ContentOffset)
{
    /// <summary>From a scalar node.</summary>
    public static Located Of(ScalarNode n) => new(n.Value, n.Location, n.ContentColumnOffset);

    /// <summary>From an optional node, or null.</summary>
    public static Located? OfOptional(Node? n) => n is ScalarNode s && !s.IsNull ? Of(s) : null;
}
