using System.CommandLine;
using Verdict.Diagnostics;

namespace Verdict.Cli;

/// <summary>Process exit codes of the command line contract.</summary>
public static class ExitCodes
{
    public const int Ok = 0;
    public const int Internal = 1;
    public const int FactsInvalid = 2;
    public const int PoliciesInvalid = 3;
    /// <summary>A wrong command line or an unusable setting (EX_USAGE): distinct from <see cref="FactsInvalid"/>, so a
    /// script can tell "fix the incident" from "fix the invocation".</summary>
    public const int Usage = 64;
    /// <summary>The decision was written, but some policy failed while deciding (its items are <c>failed</c>).</summary>
    public const int DecisionHasFailures = 4;
}

/// <summary>Shared plumbing: parse, run, and turn every failure into a one-line-per-problem message and an exit code.</summary>
public static class Cli
{
    /// <summary>The global <c>--verbose</c> option: stack traces for internal errors.</summary>
    public static readonly Option<bool> Verbose = new("--verbose") { Description = "print stack traces of internal errors", Recursive = true };

    /// <summary>The <c>--quiet</c> option of commands with progress output: print only failures and the totals.</summary>
    public static readonly Option<bool> Quiet = new("--quiet", "-q") { Description = "print only failures and the totals" };

    /// <summary>Runs the command line.</summary>
    public static int Run(RootCommand root, string[] args)
    {
        root.Options.Add(Verbose);
        if (UnknownCommand(root, args) is { } unknown) return unknown;
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0 && !args.Contains("--help") && !args.Contains("-h"))
        {
            foreach (var e in parsed.Errors) Console.Error.WriteLine($"error: {Lower(OneLine(e.Message))}");
            Console.Error.WriteLine("  help: run with --help for usage");
            return ExitCodes.Usage;
        }
        try
        {
            return parsed.Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
        }
        catch (Exception e)
        {
            Console.Error.WriteLine($"error: internal error: {e.Message}");
            if (args.Contains("--verbose")) Console.Error.WriteLine(e);
            else Console.Error.WriteLine("  help: run again with --verbose for details, and report it");
            return ExitCodes.Internal;
        }
    }

    /// <summary>A first word that is no subcommand: say so, with the nearest one, instead of a list of parse errors.</summary>
    private static int? UnknownCommand(RootCommand root, string[] args)
    {
        if (args.Length == 0 || args[0].StartsWith('-') || args[0].StartsWith('[')) return null;
        var names = root.Subcommands.SelectMany(c => c.Aliases.Prepend(c.Name)).ToList();
        if (names.Contains(args[0], StringComparer.Ordinal)) return null;
        Console.Error.WriteLine($"error: unknown command `{args[0]}`");
        Console.Error.WriteLine(Suggest.Nearest(args[0], names) is { } near
            ? $"  help: did you mean `verdict {near}`?"
            : $"  help: the commands are {string.Join(", ", root.Subcommands.Select(c => c.Name))}; run `verdict --help` for usage");
        return ExitCodes.Usage;
    }

    /// <summary>Prints diagnostics to stderr, one problem per line with its help line.</summary>
    public static void Print(IEnumerable<Diagnostic> diagnostics)
    {
        foreach (var d in diagnostics) Console.Error.WriteLine(d.ToString());
    }

    private static string OneLine(string s) =>
        string.Join(' ', s.Split(['\r', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    private static string Lower(string s) => s.Length > 0 ? char.ToLowerInvariant(s[0]) + s[1..].TrimEnd('.') : s;
}
