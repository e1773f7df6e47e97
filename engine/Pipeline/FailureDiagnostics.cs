using Verdict.Decisions;
using Verdict.Diagnostics;

namespace Verdict.Pipeline;

/// <summary>A decision's failures as the diagnostics the loader and the command line print.</summary>
public static class FailureDiagnostics
{
    /// <summary>One error diagnostic per failure, with its code, message, place and help.</summary>
    public static IReadOnlyList<Diagnostic> Of(Decision decision) =>
        decision.Failures.Select(f => new Diagnostic(f.Code, DiagnosticSeverity.Error, f.Message,
            f.File is null ? null : new SourceLocation(f.File, f.Line ?? 0, f.Column ?? 0), f.Help)).ToList();
}
