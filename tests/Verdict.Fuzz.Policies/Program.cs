using System.Text;
using Verdict.Compilation;
using Verdict.Diagnostics;
using Verdict.Facts;
using Verdict.Scripting;

namespace Verdict.Fuzz.Policies;

/// <summary>
/// The policy loader as a fuzz target: each input is one policy file, loaded beside the shipped bundle.yaml and
/// calendars, then (when it loads) asked for a decision on a shipped example. A located error is a correct answer; any
/// other exception, an error without a place, or a hang is a finding. Without arguments it runs under SharpFuzz
/// (AFL++); <c>--run FILE...</c> replays inputs (a crash AFL++ saved) without the fuzzer.
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        var repo = FindRepo();
        var target = new Target(repo);
        if (args is ["--run", .. var files])
        {
            foreach (var f in files)
            {
                target.Check(File.ReadAllBytes(f));
                Console.WriteLine($"{f}: ok");
            }
            return 0;
        }
        SharpFuzz.Fuzzer.OutOfProcess.Run(stream =>
        {
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            target.Check(buffer.ToArray());
        });
        return 0;
    }

    private static string FindRepo()
    {
        var dir = AppContext.BaseDirectory;
        while (dir is not null && !File.Exists(Path.Combine(dir, "Directory.Packages.props"))) dir = Path.GetDirectoryName(dir);
        return dir ?? throw new InvalidOperationException("run from inside a clone: the shipped policies are the seed bundle");
    }
}

/// <summary>A bundle folder with the shipped manifest and calendars; the input becomes its one policy.</summary>
internal sealed class Target
{
    private readonly string _dir = Directory.CreateTempSubdirectory("verdict-fuzz-policies-").FullName;
    private readonly IncidentFacts _facts;
    private readonly BundleOptions _options = new() { AllowCSharp = true };

    public Target(string repo)
    {
        var policies = Path.Combine(repo, "policies");
        File.Copy(Path.Combine(policies, "bundle.yaml"), Path.Combine(_dir, "bundle.yaml"));
        Directory.CreateDirectory(Path.Combine(_dir, "calendars"));
        foreach (var c in Directory.EnumerateFiles(Path.Combine(policies, "calendars"), "*.yaml"))
            File.Copy(c, Path.Combine(_dir, "calendars", Path.GetFileName(c)));
        Directory.CreateDirectory(Path.Combine(_dir, "fuzz"));
        _facts = FactsLoader.LoadText(File.ReadAllText(Path.Combine(policies, "examples", "fintech-credit-risk-sync.yaml")));
    }

    /// <summary>Throws (a finding) unless the input ends in a bundle or in located errors.</summary>
    public void Check(byte[] input)
    {
        File.WriteAllBytes(Path.Combine(_dir, "fuzz", "policy.yaml"), input);
        var diagnostics = new List<Diagnostic>();
        PolicyBundle? bundle;
        try { bundle = ScriptLanguages.TryLoad(_dir, diagnostics, _options); }
        catch (VerdictException e) { diagnostics.AddRange(e.Diagnostics); bundle = null; }
        var errors = diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        if (errors.FirstOrDefault(d => d.Location is null) is { } unplaced)
            throw new InvalidOperationException("an error without a place: " + unplaced);
        if (bundle is null || errors.Count > 0) return;
        try { bundle.Decide(_facts); }
        catch (VerdictException e) when (e.Diagnostics.All(d => d.Location is not null)) { }
    }
}
