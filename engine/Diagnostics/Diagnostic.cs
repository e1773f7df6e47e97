namespace Verdict.Diagnostics;

/// <summary>How bad a finding is: errors stop a load or a decision, warnings and infos do not.</summary>
public enum DiagnosticSeverity { Error, Warning, Info }

/// <summary>A place in a user's file; lines and columns count from 1.</summary>
public sealed record SourceLocation(string File, int Line, int Column)
{
    /// <inheritdoc />
    public override string ToString() => $"{File}:{Line}:{Column}";
}

/// <summary>
/// One finding about a user's input, shared by loader, compiler, linter, command line and HTTP.
/// Messages are lowercase, name the user's values in backticks and fit on one line; <see cref="Help"/> says how to fix it.
/// </summary>
public sealed record Diagnostic(
    string Code,
    DiagnosticSeverity Severity,
    string Message,
    SourceLocation? Location = null,
    string? Help = null,
    string? JsonPath = null)
{
    /// <summary>Compiler-style text: <c>file:line:col: error VD1203: message</c> and an indented help line.</summary>
    public override string ToString()
    {
        var where = Location is not null ? $"{Location}: " : JsonPath is not null ? $"{JsonPath}: " : "";
        var text = $"{where}{SeverityWord} {Code}: {Message}";
        return Help is null ? text : $"{text}\n  help: {Help}";
    }

    /// <summary>The severity as the lowercase word used in text output.</summary>
    public string SeverityWord => Severity switch
    {
        DiagnosticSeverity.Error => "error",
        DiagnosticSeverity.Warning => "warning",
        _ => "info",
    };

    /// <summary>Creates an error.</summary>
    public static Diagnostic Error(string code, string message, SourceLocation? at = null, string? help = null) =>
        new(code, DiagnosticSeverity.Error, message, at, help);
}

/// <summary>Raised when input cannot be used; carries every diagnostic found, not just the first.</summary>
public sealed class VerdictException(IReadOnlyList<Diagnostic> diagnostics)
    : Exception(diagnostics.Count > 0 ? diagnostics[0].ToString() : "invalid input")
{
    /// <summary>The problems found, in file order.</summary>
    public IReadOnlyList<Diagnostic> Diagnostics { get; } = diagnostics;

    /// <summary>Raises a single error.</summary>
    public static VerdictException Single(string code, string message, SourceLocation? at = null, string? help = null) =>
        new([Diagnostic.Error(code, message, at, help)]);
}
