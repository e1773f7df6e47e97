using System.Diagnostics;
using System.Text;

namespace Verdict.Lint.Rules;

/// <summary>Reads a bundle folder's policy files as they were at a git revision, with the <c>git</c> command.</summary>
internal static class GitRevision
{
    /// <summary>(path in the repository, text) of every policy YAML file under <paramref name="bundleRoot"/> at <paramref name="revision"/>.</summary>
    /// <exception cref="LintUsageException">Not a git work tree, or the revision does not exist.</exception>
    public static IReadOnlyList<(string Path, string Text)> ReadBundle(string bundleRoot, string revision)
    {
        var dir = Path.GetFullPath(bundleRoot);
        var (ok, top) = Run(dir, null, "rev-parse", "--show-toplevel");
        if (!ok)
            throw new LintUsageException($"`{bundleRoot}` is not inside a git repository, so --base `{revision}` cannot be read",
                "run policy-lint in a clone of the policy repository, or drop --base");
        top = top.Trim();
        if (!Run(top, null, "rev-parse", "--verify", "--quiet", revision + "^{commit}").Ok)
            throw new LintUsageException($"git revision `{revision}` does not exist here",
                "fetch it first (e.g. `git fetch origin main`; CI checkouts need `fetch-depth: 0`) or name a commit, branch or tag");
        var prefix = Run(dir, null, "rev-parse", "--show-prefix").Output.Trim();
        var (_, listing) = Run(top, null, "ls-tree", "-r", "--name-only", "-z", revision, "--", prefix.Length == 0 ? "." : prefix);
        var paths = listing.Split('\0', StringSplitOptions.RemoveEmptyEntries)
            .Where(p => p.EndsWith(".yaml", StringComparison.Ordinal) || p.EndsWith(".yml", StringComparison.Ordinal))
            .Where(p => !p[prefix.Length..].Split('/').SkipLast(1).Any(seg => Model.BundleSource.NonPolicyFolders.Contains(seg)))
            .ToList();
        return paths.Count == 0 ? [] : CatFiles(top, revision, paths);
    }

    /// <summary>One <c>git cat-file --batch</c> for all files: a process per file would cost more than the whole lint.</summary>
    private static List<(string, string)> CatFiles(string top, string revision, List<string> paths)
    {
        var request = string.Concat(paths.Select(p => $"{revision}:{p}\n"));
        using var process = Start(top, "cat-file", "--batch");
        var writer = Task.Run(() => { process.StandardInput.Write(request); process.StandardInput.Close(); });
        using var output = new MemoryStream();
        process.StandardOutput.BaseStream.CopyTo(output);
        writer.Wait();
        process.WaitForExit();
        var bytes = output.ToArray();
        var result = new List<(string, string)>();
        var pos = 0;
        foreach (var path in paths)
        {
            var eol = Array.IndexOf(bytes, (byte)'\n', pos);
            if (eol < 0) break;
            var header = Encoding.UTF8.GetString(bytes, pos, eol - pos).Split(' ');
            pos = eol + 1;
            if (header.Length < 3 || header[1] != "blob") continue; // "missing"
            var size = int.Parse(header[2], System.Globalization.CultureInfo.InvariantCulture);
            result.Add((path, Encoding.UTF8.GetString(bytes, pos, size)));
            pos += size + 1;
        }
        return result;
    }

    private static (bool Ok, string Output) Run(string dir, string? input, params string[] args)
    {
        try
        {
            using var process = Start(dir, args);
            if (input is not null) process.StandardInput.Write(input);
            process.StandardInput.Close();
            var stdout = process.StandardOutput.ReadToEndAsync();
            process.StandardError.ReadToEnd();
            process.WaitForExit();
            return (process.ExitCode == 0, stdout.Result);
        }
        catch (System.ComponentModel.Win32Exception)
        {
            throw new LintUsageException("--base needs the `git` command, which was not found", "install git or drop --base");
        }
    }

    private static Process Start(string dir, params string[] args)
    {
        var info = new ProcessStartInfo("git")
        {
            WorkingDirectory = dir,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in args) info.ArgumentList.Add(a);
        info.Environment["GIT_TERMINAL_PROMPT"] = "0";
        return Process.Start(info) ?? throw new LintUsageException("could not start `git`");
    }
}
