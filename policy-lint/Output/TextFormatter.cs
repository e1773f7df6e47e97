using System.Text;
using Verdict.Diagnostics;

namespace Verdict.Lint.Output;

/// <summary>Compiler-style text: <c>file:line:col: error VD1203: message</c>, then an indented <c>help:</c> line.</summary>
public static class TextFormatter
{
    /// <summary>Every finding, one block each.</summary>
    public static string Write(LintResult result)
    {
        var text = new StringBuilder();
        foreach (var f in result.Findings) text.Append(f.ToString()).Append('\n');
        return text.ToString();
    }

    /// <summary>The closing line: counts by severity.</summary>
    public static string Summary(LintResult result)
    {
        var infos = result.Findings.Count(f => f.Severity == DiagnosticSeverity.Info);
        if (result.Findings.Count == 0) return $"policy-lint: {result.Root}: no problems in {result.Files} files";
        var parts = new List<string> { Count(result.Errors, "error"), Count(result.Warnings, "warning") };
        if (infos > 0) parts.Add(Count(infos, "note"));
        return $"policy-lint: {result.Root}: {string.Join(", ", parts)} in {result.Files} files";
    }

    private static string Count(int n, string word) => n == 1 ? $"1 {word}" : $"{n} {word}s";
}
