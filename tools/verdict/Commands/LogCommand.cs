using System.CommandLine;
using Verdict.Cli.DecisionLog;

namespace Verdict.Cli.Commands;

/// <summary><c>verdict log verify FILE...</c>: checks the hash chain of decision logs written by <c>verdict serve</c>.</summary>
public static class LogCommand
{
    /// <summary>Exit code when a chain is broken.</summary>
    public const int Broken = 1;

    /// <summary>Creates the <c>log</c> command and its <c>verify</c> subcommand.</summary>
    public static Command Create()
    {
        var files = new Argument<string[]>("FILE") { Description = "decision log files (active and rotated, any order)", Arity = ArgumentArity.OneOrMore };
        var keyFile = new Option<string?>("--log-key-file") { Description = "the key `verdict serve --log-key-file` signed checkpoints with: every checkpoint must verify" };
        var verify = new Command("verify", "check the hash chain of decision logs from record 1; report the first broken record") { files, keyFile };
        verify.SetAction(r => Verify(r.GetValue(files)!, r.GetValue(keyFile)));
        return new Command("log", "work with the decision log of `verdict serve`") { verify };
    }

    private static int Verify(string[] files, string? keyFile)
    {
        byte[]? key = null;
        if (keyFile is not null)
        {
            try { key = LogCheckpoint.ReadKey(keyFile); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException)
            {
                Console.Error.WriteLine($"error: cannot use the log key: {e.Message}");
                return ExitCodes.Usage;
            }
        }
        foreach (var f in files)
            if (!File.Exists(f))
            {
                Console.Error.WriteLine($"error: decision log `{f}` does not exist\n  help: pass the files `verdict serve --decision-log` wrote");
                return ExitCodes.Usage;
            }
        VerifyResult result;
        try { result = LogVerifier.Verify(files, new VerifyOptions { Key = key }); }
        catch (IOException e)
        {
            Console.Error.WriteLine($"error: cannot read a decision log: {e.Message}");
            return ExitCodes.Usage;
        }
        foreach (var n in result.Notes) Console.Error.WriteLine(n);
        if (result.Break is { } b)
        {
            Console.Error.WriteLine(b.ToString());
            Console.Error.WriteLine(result.Records > 0
                ? $"  help: the {result.Records} records before it verify (up to record {result.LastSeq}); everything from this line on cannot be trusted"
                : "  help: no record before it verifies");
            return Broken;
        }
        Console.WriteLine(result.Records == 0
            ? "ok: no records"
            : $"ok: {result.Records} record{(result.Records == 1 ? "" : "s")} ({result.FirstSeq}..{result.LastSeq}) in {files.Length} file{(files.Length == 1 ? "" : "s")}; head {result.LastHash}");
        return ExitCodes.Ok;
    }
}
