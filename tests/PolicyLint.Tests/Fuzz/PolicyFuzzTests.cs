using System.Diagnostics;
using Verdict.Compilation;
using Verdict.Diagnostics;
using Verdict.Facts;
using Xunit.Abstractions;

namespace Verdict.Lint.Tests.Fuzz;

/// <summary>
/// The policy fuzz target: seeded mutants of the shipped policies must each end in a bundle or in located errors,
/// from the loader and from the linter, and a bundle that loads decides or fails with a located error — never an
/// unhandled exception, never a hang. CI runs a small time-bounded budget; set VERDICT_FUZZ_POLICIES=10000 (and
/// optionally VERDICT_FUZZ_SEED) for a long local run.
/// </summary>
public class PolicyFuzzTests(ITestOutputHelper output)
{
    private static readonly TimeSpan PerMutant = TimeSpan.FromSeconds(20);

    [Fact]
    public void Mutated_shipped_policies_end_in_a_located_error_or_a_bundle()
    {
        var wanted = int.TryParse(Environment.GetEnvironmentVariable("VERDICT_FUZZ_POLICIES"), out var n) ? n : 120;
        var seed = int.TryParse(Environment.GetEnvironmentVariable("VERDICT_FUZZ_SEED"), out var s) ? s : 12;
        var budget = wanted > 120 ? TimeSpan.FromHours(2) : TimeSpan.FromSeconds(6);
        var report = Run(seed, wanted, budget);
        output.WriteLine(report.Summary);
        Assert.True(report.Findings.Count == 0, report.Summary + "\n" + string.Join("\n", report.Findings.Take(20)));
    }

    public sealed record Report(int Tried, int Loaded, int Refused, List<string> Findings)
    {
        public string Summary => $"{Tried} mutants: {Loaded} loaded, {Refused} refused with located errors, {Findings.Count} findings";
    }

    public static Report Run(int seed, int wanted, TimeSpan budget)
    {
        var shipped = Path.Combine(TestPaths.Root, "policies");
        var files = Directory.EnumerateFiles(shipped, "*.yaml", SearchOption.AllDirectories)
            .Select(p => Path.GetRelativePath(shipped, p).Replace('\\', '/'))
            .Where(p => !p.StartsWith("examples/", StringComparison.Ordinal) && p != "bundle.yaml")
            .Order(StringComparer.Ordinal).ToArray();
        var manifest = File.ReadAllText(Path.Combine(shipped, "bundle.yaml"));
        var calendars = files.Where(f => f.StartsWith("calendars/", StringComparison.Ordinal)).ToArray();
        var facts = FactsLoader.LoadText(File.ReadAllText(Path.Combine(shipped, "examples", "fintech-credit-risk-sync.yaml")));
        var options = new BundleOptions { AllowCSharp = true };
        var findings = new List<string>();
        int tried = 0, loaded = 0, refused = 0, reported = 0;
        var progress = Environment.GetEnvironmentVariable("VERDICT_FUZZ_LOG");
        var clock = Stopwatch.StartNew();
        var dir = Directory.CreateTempSubdirectory("verdict-fuzz-").FullName;
        try
        {
            var from = int.TryParse(Environment.GetEnvironmentVariable("VERDICT_FUZZ_FROM"), out var f) ? f : 0;
            for (var i = from; i < from + wanted && clock.Elapsed < budget; i++)
            {
                var mutator = new PolicyMutator(seed * 1_000_003 + i);
                var target = files[(int)((uint)(seed * 31 + i * 7919) % (uint)files.Length)];
                var original = File.ReadAllText(Path.Combine(shipped, target));
                var mutant = mutator.Mutate(original);
                var manifestText = i % 17 == 0 ? mutator.MutateManifest(manifest) : manifest;
                if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
                Directory.CreateDirectory(dir);
                File.WriteAllText(Path.Combine(dir, "bundle.yaml"), manifestText);
                // only the calendars the policy names: fewer files, more mutants per second
                foreach (var c in calendars.Where(c => c != target && original.Contains(c[..^".yaml".Length], StringComparison.Ordinal)))
                    Write(dir, c, File.ReadAllText(Path.Combine(shipped, c)));
                Write(dir, target, mutant, i % 23 == 0 ? i * 131 : -1);
                tried++;
                var name = $"seed {seed} mutant {i} of `{target}`";
                var outcome = Task.Run(() => Check(dir, facts, options));
                if (!outcome.Wait(PerMutant)) { findings.Add($"{name}: no answer within {PerMutant.TotalSeconds} s"); break; }
                switch (outcome.Result)
                {
                    case null: loaded++; break;
                    case "refused": refused++; break;
                    case var problem: findings.Add($"{name}: {problem}"); break;
                }
                if (progress is not null && tried % 100 == 0)
                {
                    File.AppendAllText(progress, $"{tried} tried, {loaded} loaded, {refused} refused, {findings.Count} findings\n{string.Join("\n", findings.Skip(reported))}\n");
                    reported = findings.Count;
                }
            }
        }
        finally
        {
            try { Directory.Delete(dir, recursive: true); } catch (IOException) { }
        }
        return new Report(tried, loaded, refused, findings);
    }

    private static readonly System.Text.Encoding Utf8 = new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);

    private static void Write(string dir, string relative, string text, int rawByteAt = -1)
    {
        var path = Path.Combine(dir, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var bytes = Utf8.GetBytes(text).ToList();
        // sometimes a byte that is not UTF-8 at all
        if (rawByteAt >= 0 && bytes.Count > 0) bytes.Insert(rawByteAt % bytes.Count, 0xFF);
        File.WriteAllBytes(path, bytes.ToArray());
    }

    /// <summary>Null when the mutant loaded and decided (or failed with a located error), "refused" for located load errors, else the problem.</summary>
    private static string? Check(string dir, IncidentFacts facts, BundleOptions options)
    {
        try
        {
            var diagnostics = new List<Diagnostic>();
            var bundle = Scripting.ScriptLanguages.TryLoad(dir, diagnostics, options);
            var errors = diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
            if (Unlocated(errors) is { } bad) return $"load error without a place: {bad}";
            var lint = new Linter().Lint(dir, new LintOptions { Bundle = options });
            if (Unlocated(lint.Findings.Where(f => f.Severity == DiagnosticSeverity.Error)) is { } badLint) return $"lint error without a place: {badLint}";
            if (lint.Findings.Any(f => f.Code == Codes.LoaderFailed)) return $"linter caught a crash: {lint.Findings.First(f => f.Code == Codes.LoaderFailed)}";
            // the linter adds analyses of its own (VD16xx), but it must never pass what the loader refuses
            if ((bundle is null || errors.Count > 0) && lint.Errors == 0) return $"linter is clean where the loader refuses: {errors[0]}";
            if (bundle is not null && errors.Count == 0 && lint.Findings.FirstOrDefault(f => f.Severity == DiagnosticSeverity.Error && !f.Code.StartsWith("VD16", StringComparison.Ordinal)) is { } extra)
                return $"linter refuses what the loader accepts: {extra}";
            if (bundle is null || errors.Count > 0) return errors.Count > 0 ? "refused" : "no bundle and no error";
            try { bundle.Decide(facts); }
            catch (VerdictException e) when (Unlocated(e.Diagnostics) is null) { }
            return null;
        }
        catch (Exception e)
        {
            return $"unhandled {e.GetType().Name}: {e.Message.Split('\n')[0]}";
        }
    }

    private static Diagnostic? Unlocated(IEnumerable<Diagnostic> errors) => errors.FirstOrDefault(d => d.Location is null || d.Location.Line < 1 || d.Location.Column < 1);
}
