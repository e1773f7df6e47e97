using System.CommandLine;
using System.Text;
using Verdict.Lint;
using Verdict.Lint.Output;

// policy-lint DIR [--format text|json|sarif] [--base REF] [--strict]: exit 0 clean (warnings allowed unless --strict),
// 1 errors (or warnings with --strict), 2 usage.
var dir = new Argument<string>("DIR") { Description = "policy bundle folder (holds bundle.yaml)" };
var format = new Option<string>("--format") { Description = "text | json | sarif", DefaultValueFactory = _ => "text" };
format.AcceptOnlyFromAmong("text", "json", "sarif");
var baseRef = new Option<string?>("--base") { HelpName = "REF", Description = "git revision to compare with: changed policies must bump their version" };
var output = new Option<string?>("--output", "-o") { HelpName = "FILE", Description = "write the report to this file instead of standard output" };
var allowCSharp = new Option<bool>("--allow-csharp") { Description = "compile policies written in C# (as `verdict decide --allow-csharp` would)" };
var strict = new Option<bool>("--strict") { Description = "fail (exit 1) on warnings too, not only on errors; recommended in CI" };
var verbose = new Option<bool>("--verbose") { Description = "print stack traces of internal errors" };
var root = new RootCommand("policy-lint: check a Verdict policy bundle before it is merged") { dir, format, baseRef, output, allowCSharp, strict, verbose };
root.SetAction(r => Run(r.GetValue(dir)!, r.GetValue(format)!, r.GetValue(baseRef), r.GetValue(output), r.GetValue(allowCSharp), r.GetValue(strict)));

var parsed = root.Parse(args);
if (parsed.Errors.Count > 0 && !args.Contains("--help") && !args.Contains("-h"))
{
    foreach (var e in parsed.Errors) Console.Error.WriteLine($"error: {char.ToLowerInvariant(e.Message[0])}{e.Message[1..].TrimEnd('.')}");
    Console.Error.WriteLine("  help: run with --help for usage");
    return 2;
}
try
{
    return parsed.Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
}
catch (Exception e)
{
    Console.Error.WriteLine($"error: internal error: {e.Message}");
    Console.Error.WriteLine(args.Contains("--verbose") ? e.ToString() : "  help: run again with --verbose for details, and report it");
    return 1;
}

static int Run(string dir, string format, string? baseRef, string? output, bool allowCSharp, bool strict)
{
    if (!Directory.Exists(dir))
    {
        Console.Error.WriteLine($"error: policy folder `{dir}` does not exist\n  help: pass the folder that holds bundle.yaml");
        return 2;
    }
    LintResult result;
    try { result = new Linter().Lint(dir, new LintOptions { BaseRef = baseRef, Bundle = new() { AllowCSharp = allowCSharp } }); }
    catch (LintUsageException e)
    {
        Console.Error.WriteLine($"error: {e.Message}" + (e.Help is null ? "" : $"\n  help: {e.Help}"));
        return 2;
    }
    var report = format switch
    {
        "json" => JsonFormatter.Write(result),
        "sarif" => SarifFormatter.Write(result),
        _ => TextFormatter.Write(result),
    };
    var bytes = new UTF8Encoding(false).GetBytes(report);
    if (output is not null) File.WriteAllBytes(output, bytes);
    else
    {
        using var stdout = Console.OpenStandardOutput();
        stdout.Write(bytes);
    }
    Console.Error.WriteLine(TextFormatter.Summary(result) + (strict && result.Errors == 0 && result.Warnings > 0 ? " (--strict: warnings fail)" : ""));
    return result.Passes(strict) ? 0 : 1;
}
