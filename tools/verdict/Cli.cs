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
}

/// <summary>Shared plumbing: parse, run, and turn every failure into a one-line-per-problem message and an exit code.</summary>
public static class Cli
{
    /// <summary>The global <c>--verbose</c> option: stack traces for internal errors.</summary>
    public static readonly Option<bool> Verbose = new("--verbose") { Description = "print stack traces of internal errors", Recursive = true };

    /// <summary>Runs the command line.</summary>
    public static int Run(RootCommand root, string[] args)
    {
        root.Options.Add(Verbose);
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

    /// <summary>Prints diagnostics to stderr, one problem per line with its help line.</summary>
    public static void Print(IEnumerable<Diagnostic> diagnostics)
    {
        foreach (var d in diagnostics) Console.Error.WriteLine(d.ToString());
    }

    private static string OneLine(string s) =>
        string.Join(' ', s.Split(['\r', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    private static string Lower(string s) => s.Length > 0 ? char.ToLowerInvariant(s[0]) + s[1..].TrimEnd('.') : s;
}
