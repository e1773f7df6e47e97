using NodaTime;

namespace Verdict.Salesforce.Events;

/// <summary>One event as read from a log: the columns the adapter uses, and where it was read.</summary>
internal sealed class LogEvent
{
    public required EventKind Kind { get; init; }
    public required string File { get; init; }
    public long Line { get; init; }
    public long EndLine { get; init; }
    public Instant At { get; init; }
    public string? UserId { get; init; }
    public string? Username { get; init; }
    public string? ConnectedApp { get; init; }
    public string? Client { get; init; }
    public string? Object { get; init; }
    public long? Rows { get; init; }
    public string? Operation { get; init; }
    public string? Status { get; init; }
    public string? Uri { get; init; }
    public string? UriId { get; init; }
    public string? Query { get; init; }
    public string? ColumnHeaders { get; init; }
    public string? Records { get; init; }
    public string? JobStatus { get; init; }
    public string? SourceIp { get; init; }
    public string? Url { get; init; }
}

/// <summary>A line of a log that could not be read, with its place and why; counted and reported, never dropped silently.</summary>
public sealed record BadLine(string File, long Line, string Reason, string? Column = null)
{
    /// <inheritdoc />
    public override string ToString() =>
        Column is null ? $"{File}:{Line}: warning VD1901: {Reason}" : $"{File}:{Line}: warning VD1901: {Reason} in column `{Column}`";
}
