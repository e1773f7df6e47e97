using System.Diagnostics;
using Verdict.Cli.Commands;

namespace Verdict.Cli.Tests;

/// <summary>The verdict command line as a process: exit codes, stdout and stderr, stdin.</summary>
internal static class VerdictProcess
{
    public static (int Code, string Out, string Err) Run(string? stdin, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, WorkingDirectory = TestPolicyCopy.Root,
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "verdict.dll"));
        foreach (var a in args) info.ArgumentList.Add(a);
        using var p = Process.Start(info)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (stdin is not null) p.StandardInput.Write(stdin);
        p.StandardInput.Close();
        p.WaitForExit();
        return (p.ExitCode, stdout.Result, stderr.Result);
    }
}

/// <summary>Command-line conveniences: did-you-mean, flags that would do nothing, stdin facts, bundle info, init.</summary>
public class AuthoringCommandTests
{
    private const string Fintech = "policies/examples/fintech-credit-risk-sync.yaml";

    [Fact]
    public void A_mistyped_command_suggests_the_nearest_one()
    {
        var (code, _, err) = VerdictProcess.Run(null, "tset", "policies");
        Assert.Equal(ExitCodes.Usage, code);
        Assert.Equal("error: unknown command `tset`\n  help: did you mean `verdict test`?\n", err.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void Report_without_markdown_is_a_usage_error()
    {
        var (code, stdout, err) = VerdictProcess.Run(null, "decide", "--policies", "policies", "--facts", Fintech, "--report", "gdpr-art33-sa");
        Assert.Equal(ExitCodes.Usage, code);
        Assert.Equal("", stdout);
        Assert.StartsWith("error: --report renders a notification draft in Markdown and does nothing with --format json\n  help: add --format markdown", err.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void Report_of_an_obligation_the_decision_does_not_hold_is_an_error_with_a_suggestion()
    {
        var (code, stdout, err) = VerdictProcess.Run(null, "decide", "--policies", "policies", "--facts", Fintech, "--format", "markdown", "--report", "gdpr-art33-as");
        Assert.Equal(ExitCodes.Usage, code);
        Assert.Equal("", stdout);
        Assert.Contains("error: no obligation `gdpr-art33-as` in this decision", err);
        Assert.Contains("help: did you mean `gdpr-art33-sa`?", err);
    }

    [Fact]
    public void Explain_with_markdown_says_it_has_no_effect()
    {
        var (code, stdout, err) = VerdictProcess.Run(null, "decide", "--policies", "policies", "--facts", Fintech, "--format", "markdown", "--explain");
        Assert.Equal(0, code);
        Assert.NotEqual("", stdout);
        Assert.StartsWith("warning: --explain has no effect with --format markdown", err);
    }

    [Fact]
    public void Facts_from_standard_input_decide_like_the_file()
    {
        var fromFile = VerdictProcess.Run(null, "decide", "--policies", "policies", "--facts", Fintech);
        var fromStdin = VerdictProcess.Run(File.ReadAllText(Path.Combine(TestPolicyCopy.Root, Fintech)), "decide", "--policies", "policies", "--facts", "-");
        Assert.Equal((0, fromFile.Out), (fromStdin.Code, fromStdin.Out));
    }

    [Fact]
    public void Invalid_facts_on_standard_input_are_located_in_stdin()
    {
        var (code, _, err) = VerdictProcess.Run("id: X\ntimeline: { awareAt: yesterday }\n", "decide", "--policies", "policies", "--facts", "-");
        Assert.Equal(2, code);
        Assert.StartsWith("<stdin>:2:", err);
    }

    [Fact]
    public void Junit_output_is_the_whole_of_stdout()
    {
        var (code, stdout, _) = VerdictProcess.Run(null, "test", "policies", "--format", "junit");
        Assert.Equal(0, code);
        var xml = System.Xml.Linq.XDocument.Parse(stdout);
        Assert.Equal("testsuites", xml.Root!.Name.LocalName);
        Assert.True(xml.Root.Element("testsuite")!.Elements("testcase").Count() >= 4);
    }

    [Fact]
    public void Bundle_info_names_the_bundle_version_digest_and_each_policy()
    {
        var output = new StringWriter { NewLine = "\n" };
        Assert.Equal(0, BundleCommand.Info(Path.Combine(TestPolicyCopy.Root, "policies"), "text", false, output));
        var text = output.ToString();
        var bundle = Verdict.Scripting.ScriptLanguages.Load(Path.Combine(TestPolicyCopy.Root, "policies"), new());
        Assert.StartsWith($"name     {bundle.Name}\nversion  {bundle.Version}\ndigest   {bundle.Digest}\npolicies {bundle.Source.Documents.Count}\n", text);
        Assert.Matches(@"\n  NotificationObligation +notification/eu/gdpr@\S+ +\d{4}-\d\d-\d\d → ", text);
    }

    [Fact]
    public void Bundle_info_of_an_invalid_bundle_exits_3() =>
        Assert.Equal(3, BundleCommand.Info(Path.Combine(TestPolicyCopy.Root, "tests/PolicyLint.Tests/cases/VD1203-unknown-fact-path"), "text", false, TextWriter.Null));

    [Fact]
    public void Init_creates_a_repository_whose_example_passes_its_test()
    {
        using var copy = new TempDir();
        var repo = Path.Combine(copy.Dir, "acme-policies");
        Assert.Equal(0, InitCommand.Run(repo, null, TextWriter.Null));
        foreach (var f in new[] { "policies/bundle.yaml", "policies/severity/example.yaml", "policies/examples/example-incident.decision.json",
                     ".vscode/settings.json", ".github/workflows/verdict-policy-checks.yml", "schemas/policy-severity-matrix.schema.json" })
            Assert.True(File.Exists(Path.Combine(repo, f)), f);
        Assert.StartsWith("# yaml-language-server: $schema=../../schemas/policy-severity-matrix.schema.json\n", File.ReadAllText(Path.Combine(repo, "policies/severity/example.yaml")));
        Assert.Contains("name: acme-policies\n", File.ReadAllText(Path.Combine(repo, "policies/bundle.yaml")));
        var output = new StringWriter { NewLine = "\n" };
        Assert.Equal(0, TestCommand.Run(new TestOptions(Path.Combine(repo, "policies"), null, false, false, false), output));
        Assert.EndsWith("1 passed, 0 failed\n", output.ToString());
    }

    [Fact]
    public void Init_refuses_a_folder_that_is_not_empty()
    {
        using var copy = new TempDir();
        File.WriteAllText(Path.Combine(copy.Dir, "keep.txt"), "mine");
        Assert.Equal(ExitCodes.Usage, InitCommand.Run(copy.Dir, null, TextWriter.Null));
        Assert.Equal(["keep.txt"], Directory.GetFileSystemEntries(copy.Dir).Select(Path.GetFileName));
    }

    private sealed class TempDir : IDisposable
    {
        public string Dir { get; } = Directory.CreateTempSubdirectory("verdict-init-").FullName;
        public void Dispose() { try { Directory.Delete(Dir, true); } catch (IOException) { } }
    }
}

/// <summary>Shell completion asks verdict itself through the suggest directive.</summary>
public class CompletionTests
{
    [Fact]
    public void The_suggest_directive_completes_a_subcommand()
    {
        var (code, stdout, _) = VerdictProcess.Run(null, "[suggest:10]", "verdict te");
        Assert.Equal(0, code);
        Assert.Equal("test", stdout.Trim());
    }

    [Fact]
    public void The_suggest_directive_completes_options_of_a_subcommand()
    {
        var (_, stdout, _) = VerdictProcess.Run(null, "[suggest:16]", "verdict test --e");
        Assert.Contains("--exact", stdout.Split('\n').Select(l => l.Trim()));
    }

    [Theory]
    [InlineData("bash", "complete -o default -F _verdict_complete verdict")]
    [InlineData("zsh", "compdef _verdict_complete verdict")]
    [InlineData("fish", "complete -c verdict")]
    [InlineData("pwsh", "Register-ArgumentCompleter -Native -CommandName verdict")]
    public void Each_shell_script_registers_verdict_and_uses_the_suggest_directive(string shell, string registers)
    {
        var script = Verdict.Cli.Commands.CompletionCommand.Script(shell);
        Assert.Contains(registers, script);
        Assert.Contains("[suggest:", script);
    }
}
