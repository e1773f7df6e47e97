using NodaTime;
using Verdict.Syntax;

namespace Verdict.Model;

/// <summary>Business days and public holidays of one jurisdiction, over a stated range of years.</summary>
public sealed class CalendarDocument(PolicyHeader header, MapNode node, string file) : PolicyDocument(header, node, file)
{
    public required string Zone { get; init; }
    public required IReadOnlyList<IsoDayOfWeek> Weekend { get; init; }
    public required int FirstYear { get; init; }
    public required int LastYear { get; init; }
    public required IReadOnlyList<(LocalDate Date, string Name)> Holidays { get; init; }
}
