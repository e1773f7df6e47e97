using System.Diagnostics;

namespace Verdict.Lint.Tests;

/// <summary>The <c>policy-lint</c> command: exit codes 0 clean (warnings allowed), 1 errors, 2 usage.</summary>
public class CommandTests
{
    private static (int Code, string Out, string Err) Run(params string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = TestPaths.Root };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "policy-lint.dll"));
        foreach (var a in args) info.ArgumentList.Add(a);
        using var p = Process.Start(info)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEnd();
        p.WaitForExit();
        return (p.ExitCode, stdout.Result, stderr);
    }

    [Fact]
    public void Shipped_bundle_exits_0()
    {
        var (code, _, err) = Run("policies");
        Assert.True(code == 0, err);
        Assert.Contains("policy-lint: policies: no problems", err);
    }

    [Fact]
    public void Errors_exit_1_with_compiler_style_lines_on_stdout()
    {
        var (code, stdout, _) = Run("tests/PolicyLint.Tests/cases/VD1203-unknown-fact-path");
        Assert.Equal(1, code);
        Assert.StartsWith("tests/PolicyLint.Tests/cases/VD1203-unknown-fact-path/severity/matrix.yaml:10:22: error VD1203: unknown fact path `data.recrods`\n  help: did you mean `data.records`?\n", stdout);
    }

    [Fact]
    public void Warnings_alone_exit_0_by_default()
    {
        var (code, stdout, _) = Run("tests/PolicyLint.Tests/cases/VD1603-row-shadowed");
        Assert.Equal(0, code);
        Assert.Contains("warning VD1603", stdout);
    }

    [Fact]
    public void Strict_makes_warnings_exit_1_and_says_why()
    {
        var (code, _, err) = Run("tests/PolicyLint.Tests/cases/VD1603-row-shadowed", "--strict");
        Assert.Equal(1, code);
        Assert.Contains("1 warning in ", err);
        Assert.Contains("(--strict: warnings fail)", err);
    }

    [Fact]
    public void Strict_passes_a_bundle_without_warnings() => Assert.Equal(0, Run("policies", "--strict").Code);

    [Theory]
    [InlineData("no-such-folder")]
    [InlineData("policies", "--format", "xml")]
    public void Usage_errors_exit_2(params string[] args) => Assert.Equal(2, Run(args).Code);

    [Fact]
    public void Sarif_goes_to_the_output_file()
    {
        var file = Path.Combine(Path.GetTempPath(), $"lint-{Guid.NewGuid():N}.sarif");
        try
        {
            var (code, stdout, _) = Run("tests/PolicyLint.Tests/cases/VD1602-table-gap", "--format", "sarif", "--output", file);
            Assert.Equal(1, code);
            Assert.Equal("", stdout);
            Assert.Contains("\"ruleId\": \"VD1602\"", File.ReadAllText(file));
            Assert.Contains("\"uri\": \"tests/PolicyLint.Tests/cases/VD1602-table-gap/severity/matrix.yaml\"", File.ReadAllText(file));
        }
        finally { File.Delete(file); }
    }
}
