using System.CommandLine;
using System.Text;
using Verdict.Cli.Formatting;
using Verdict.Diagnostics;
using Verdict.Syntax;

namespace Verdict.Cli.Commands;

/// <summary>
/// <c>verdict fmt [PATH...] [--check]</c>: rewrites policy, manifest and example YAML files in the canonical layout
/// (<see cref="YamlLayout"/>). A file is rewritten only when its meaning (the canonical JSON of its content) and its
/// comments come out unchanged; otherwise it is left alone and reported. <c>--check</c> writes nothing and exits 1
/// when a file is not in canonical layout, for CI.
/// </summary>
public static class FmtCommand
{
    public static Command Create()
    {
        var paths = new Argument<string[]>("PATH") { Description = "folders (searched recursively for *.yaml, *.yml) or files", DefaultValueFactory = _ => ["policies"] };
        var check = new Option<bool>("--check") { Description = "write nothing; list files not in canonical layout and exit 1 if there are any" };
        var cmd = new Command("fmt", "lay out policy YAML files canonically (like gofmt; comments and meaning are kept)") { paths, check, Cli.Quiet };
        cmd.SetAction(r => Run(r.GetValue(paths)!, r.GetValue(check), r.GetValue(Cli.Quiet), Console.Out));
        return cmd;
    }

    /// <summary>0 when every file is (now) canonical or left alone with a warning; 1 with --check when one is not, or for invalid YAML; 2 for a missing path.</summary>
    internal static int Run(IReadOnlyList<string> paths, bool check, bool quiet, TextWriter output)
    {
        var files = new List<string>();
        foreach (var p in paths)
        {
            if (File.Exists(p)) files.Add(p);
            else if (Directory.Exists(p))
                files.AddRange(Directory.EnumerateFiles(p, "*", SearchOption.AllDirectories)
                    .Where(f => f.EndsWith(".yaml", StringComparison.Ordinal) || f.EndsWith(".yml", StringComparison.Ordinal))
                    .Where(f => !f.Replace('\\', '/').Split('/').Any(s => s is "bin" or "obj" or ".git"))
                    .Order(StringComparer.Ordinal));
            else
            {
                Console.Error.WriteLine($"error: `{p}` does not exist\n  help: pass policy folders or YAML files (default: policies)");
                return ExitCodes.Usage;
            }
        }
        int changed = 0, failed = 0;
        foreach (var file in files)
        {
            var shown = TestCommand.Show(file);
            var text = File.ReadAllText(file);
            var (formatted, problem) = Format(text, shown);
            if (problem is not null)
            {
                Console.Error.WriteLine(problem);
                if (problem.Contains(": error", StringComparison.Ordinal)) failed++;
                continue;
            }
            if (formatted == text) continue;
            changed++;
            if (check) output.WriteLine($"not formatted: {shown}");
            else
            {
                File.WriteAllBytes(file, new UTF8Encoding(false).GetBytes(formatted!));
                if (!quiet) output.WriteLine($"formatted {shown}");
            }
        }
        if (check && changed > 0) output.WriteLine($"{changed} of {files.Count} files not in canonical layout\nhelp: run `verdict fmt {string.Join(' ', paths)}` and commit the result");
        return failed > 0 || (check && changed > 0) ? 1 : ExitCodes.Ok;
    }

    /// <summary>The canonical text, or why the file is left as it is (one located line and a help line).</summary>
    internal static (string? Text, string? Problem) Format(string text, string shown)
    {
        // Invalid YAML is reported as the YAML reader reports it, at its place.
        try { NodeReader.Read(text, shown); }
        catch (VerdictException e) when (e.Diagnostics.Count > 0 && e.Diagnostics[0].Code == Codes.Syntax)
        {
            return (null, $"{e.Diagnostics[0].Location}: error {Codes.Syntax}: invalid YAML, not formatted\n  help: fix the syntax first (`policy-lint` says more)");
        }
        catch (VerdictException) { } // anchors, depth, emptiness: the formatter says it in its own words below
        string formatted;
        try { formatted = YamlLayout.Format(text); }
        catch (FormatRefusedException e) { return (null, $"{shown}:1:1: warning: not formatted: {e.Message}\n  help: the file is left as it is"); }
        catch (Exception e) when (e is YamlDotNet.Core.YamlException or InvalidOperationException)
        {
            // The comment-keeping reader is stricter than the YAML reader in a few places (a comment right after `[]`).
            var at = e is YamlDotNet.Core.YamlException y ? $"{shown}:{Math.Max(1, y.Start.Line)}:{Math.Max(1, y.Start.Column)}" : $"{shown}:1:1";
            return (null, $"{at}: warning: not formatted: the comment at this place cannot be kept\n  help: the file is left as it is; move the comment to its own line to format it");
        }
        // The guarantee: same content, same comments. Anything else is a formatter bug, and the file stays untouched.
        if (!SameMeaning(text, formatted, shown) || !Comments(text).SequenceEqual(Comments(formatted)))
            return (null, $"{shown}:1:1: error: not formatted: the canonical layout would change its content or comments\n  help: the file is left as it is; please report this file");
        return (formatted, null);
    }

    private static bool SameMeaning(string a, string b, string shown)
    {
        try { return CanonicalJson.Of(NodeReader.Read(a, shown)) == CanonicalJson.Of(NodeReader.Read(b, shown)); }
        catch (VerdictException) { return false; }
    }

    /// <summary>The text of every comment in order, from the YAML scanner (a <c>#</c> inside quotes is no comment).</summary>
    internal static List<string> Comments(string text)
    {
        var list = new List<string>();
        var scanner = new YamlDotNet.Core.Scanner(new StringReader(text), skipComments: false);
        while (scanner.MoveNext())
            if (scanner.Current is YamlDotNet.Core.Tokens.Comment c) list.Add(c.Value.TrimEnd());
        return list;
    }
}
