using Verdict.Compilation;
using Verdict.Diagnostics;
using Verdict.Facts;
using Verdict.Model;

namespace Verdict.Scripting.Tests;

/// <summary>Paths into the repository and small helpers shared by the tests.</summary>
public static class Repo
{
    public static string Root { get; } = Find();

    public static string PathOf(params string[] parts) => Path.Combine([Root, .. parts]);

    public static string Policies => PathOf("policies");

    public static IncidentFacts Example(string name = "fintech-credit-risk-sync") => FactsLoader.LoadFile(PathOf("policies", "examples", name + ".yaml"));

    /// <summary>Every example incident shipped with the policies.</summary>
    public static IEnumerable<string> Examples() =>
        Directory.GetFiles(PathOf("policies", "examples"), "*.yaml").Select(Path.GetFileNameWithoutExtension).Order(StringComparer.Ordinal)!;

    public static readonly BundleOptions WithCSharp = new() { AllowCSharp = true };

    /// <summary>
    /// The diagnostics of the policies that failed in <paramref name="decision"/>; fails the test when none did. A
    /// policy that fails while deciding yields a failed item, not an exception (docs/decision.md).
    /// </summary>
    public static IReadOnlyList<Diagnostic> Failures(Decisions.Decision decision)
    {
        Assert.True(decision.HasFailures, "expected a policy to fail while deciding");
        return Pipeline.FailureDiagnostics.Of(decision);
    }

    private static string Find()
    {
        var dir = AppContext.BaseDirectory;
        while (dir is not null && !File.Exists(Path.Combine(dir, "Directory.Packages.props"))) dir = Path.GetDirectoryName(dir);
        return dir ?? throw new InvalidOperationException("repository root not found");
    }
}

/// <summary>A throwaway policy folder with one severity matrix whose modifier (and input) are given.</summary>
public sealed class TempBundle : IDisposable
{
    public string Dir { get; } = Directory.CreateTempSubdirectory("verdict-scripting-").FullName;

    public TempBundle(string language, string when, string input = "data.records", string? functions = null, string limits = "")
    {
        File.WriteAllText(Path.Combine(Dir, "bundle.yaml"), $"apiVersion: verdict.dev/v1\nkind: Bundle\nname: t\nversion: 1.0.0\n{limits}");
        Directory.CreateDirectory(Path.Combine(Dir, "severity"));
        File.WriteAllText(Path.Combine(Dir, "severity", "m.yaml"), $"""
            apiVersion: verdict.dev/v1
            kind: SeverityMatrix
            id: severity/t
            version: 1.0.0
            owner: tests
            effective: {"{"} from: 2018-05-25 {"}"}
            language: {language}
            {functions ?? ""}
            hitPolicy: first
            inputs:
              - id: x
                expression: '{input}'
            rows:
              - id: any
                when: {"{"} x: "-" {"}"}
                level: low
            modifiers:
              - id: m
                when: '{when}'
                adjust: 1
                whenUnknown: skip
            """);
    }

    public PolicyBundle Load() => ScriptLanguages.Load(Dir, Repo.WithCSharp);

    public VerdictException LoadFails() => Assert.Throws<VerdictException>(() => Load());

    public void Dispose()
    {
        try { Directory.Delete(Dir, recursive: true); } catch (IOException) { }
    }
}
