using Verdict.Diagnostics;

namespace Verdict.Hosting;

/// <summary>A reload that failed: when, what triggered it, and every problem found. The last good bundle kept serving.</summary>
/// <param name="At">When the reload was attempted (host clock; audit metadata, never a decision input).</param>
/// <param name="Trigger">What asked for the reload (<c>file change</c>, <c>startup</c>, a caller's word).</param>
/// <param name="Errors">The diagnostics, each with file, line and column.</param>
public sealed record VerdictReloadFailure(DateTimeOffset At, string Trigger, IReadOnlyList<Diagnostic> Errors);
