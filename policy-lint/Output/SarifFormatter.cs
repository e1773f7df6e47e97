using System.Reflection;
using System.Text;
using System.Text.Json;
using Verdict.Diagnostics;
using Verdict.Syntax;

namespace Verdict.Lint.Output;

/// <summary>
/// SARIF 2.1.0, as GitHub code scanning accepts it: one run, the rules the results use in <c>tool.driver.rules</c>
/// (with their descriptions from <see cref="RuleCatalog"/>), and results with a rule id, a level and a location whose
/// URI is relative to <c>baseDirectory</c> (the repository root in CI).
/// </summary>
public static class SarifFormatter
{
    /// <summary>The SARIF log.</summary>
    /// <param name="result">The lint result.</param>
    /// <param name="baseDirectory">Locations are written relative to it; the current directory when null.</param>
    public static string Write(LintResult result, string? baseDirectory = null)
    {
        baseDirectory = Path.GetFullPath(baseDirectory ?? Directory.GetCurrentDirectory());
        var version = typeof(SarifFormatter).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "1.0.0";
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = CanonicalJson.Encoder, NewLine = "\n" }))
        {
            w.WriteStartObject();
            w.WriteString("$schema", "https://json.schemastore.org/sarif-2.1.0.json");
            w.WriteString("version", "2.1.0");
            w.WriteStartArray("runs");
            w.WriteStartObject();
            w.WriteStartObject("tool");
            w.WriteStartObject("driver");
            w.WriteString("name", "policy-lint");
            w.WriteString("semanticVersion", version);
            w.WriteStartArray("rules");
            var used = result.Findings.Select(f => f.Code).Distinct().Order(StringComparer.Ordinal)
                .Select(code => RuleCatalog.All.FirstOrDefault(r => r.Id == code) ?? new RuleInfo(code, code, code, DiagnosticSeverity.Error)).ToList();
            foreach (var rule in used)
            {
                w.WriteStartObject();
                w.WriteString("id", rule.Id);
                w.WriteString("name", rule.Name);
                w.WriteStartObject("shortDescription");
                w.WriteString("text", rule.Description);
                w.WriteEndObject();
                w.WriteStartObject("defaultConfiguration");
                w.WriteString("level", Level(rule.DefaultSeverity));
                w.WriteEndObject();
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteEndObject();
            w.WriteStartArray("results");
            foreach (var f in result.Findings) Result(w, f, used.FindIndex(r => r.Id == f.Code), result.Root, baseDirectory);
            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteEndArray();
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    private static void Result(Utf8JsonWriter w, Diagnostic f, int ruleIndex, string root, string baseDirectory)
    {
        // Code scanning needs a place for every result: a finding about the whole bundle points at its manifest.
        var at = f.Location ?? new SourceLocation($"{root}/bundle.yaml", 1, 1);
        w.WriteStartObject();
        w.WriteString("ruleId", f.Code);
        w.WriteNumber("ruleIndex", ruleIndex);
        w.WriteString("level", Level(f.Severity));
        w.WriteStartObject("message");
        w.WriteString("text", f.Help is null ? f.Message : $"{f.Message}\nhelp: {f.Help}");
        w.WriteEndObject();
        w.WriteStartArray("locations");
        w.WriteStartObject();
        w.WriteStartObject("physicalLocation");
        w.WriteStartObject("artifactLocation");
        w.WriteString("uri", Uri(at.File, baseDirectory));
        w.WriteEndObject();
        w.WriteStartObject("region");
        w.WriteNumber("startLine", Math.Max(1, at.Line));
        w.WriteNumber("startColumn", Math.Max(1, at.Column));
        w.WriteEndObject();
        w.WriteEndObject();
        w.WriteEndObject();
        w.WriteEndArray();
        w.WriteEndObject();
    }

    /// <summary>A relative URI with forward slashes when the file is under the base directory; an absolute file URI otherwise.</summary>
    public static string Uri(string file, string baseDirectory)
    {
        var full = Path.GetFullPath(file);
        var relative = Path.GetRelativePath(baseDirectory, full).Replace('\\', '/');
        if (relative.StartsWith("../", StringComparison.Ordinal) || relative == ".." || Path.IsPathRooted(relative))
            return new System.Uri(full).AbsoluteUri;
        return string.Join('/', relative.Split('/').Select(System.Uri.EscapeDataString));
    }

    private static string Level(DiagnosticSeverity s) => s switch
    {
        DiagnosticSeverity.Error => "error",
        DiagnosticSeverity.Warning => "warning",
        _ => "note",
    };
}
