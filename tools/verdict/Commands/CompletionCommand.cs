using System.CommandLine;

namespace Verdict.Cli.Commands;

/// <summary>
/// <c>verdict completion bash|zsh|fish|pwsh</c>: a shell script that completes commands and options by asking verdict
/// itself through System.CommandLine's <c>[suggest:POSITION]</c> directive, so completion never lags behind the commands.
/// </summary>
public static class CompletionCommand
{
    private static readonly Dictionary<string, string> Scripts = new(StringComparer.Ordinal)
    {
        ["bash"] = """
            # verdict completion for bash: add `source <(verdict completion bash)` to ~/.bashrc
            _verdict_complete() {
              local IFS=$'\n'
              COMPREPLY=( $(compgen -W "$(verdict "[suggest:${COMP_POINT}]" "${COMP_LINE}" 2>/dev/null)" -- "${COMP_WORDS[COMP_CWORD]}") )
            }
            complete -o default -F _verdict_complete verdict

            """,
        ["zsh"] = """
            # verdict completion for zsh: add `source <(verdict completion zsh)` to ~/.zshrc (after compinit)
            _verdict_complete() {
              local -a completions
              completions=("${(@f)$(verdict "[suggest:${CURSOR}]" "${BUFFER}" 2>/dev/null)}")
              compadd -a completions
            }
            compdef _verdict_complete verdict

            """,
        ["fish"] = """
            # verdict completion for fish: verdict completion fish > ~/.config/fish/completions/verdict.fish
            complete -c verdict -f -a '(verdict "[suggest:"(string length -- (commandline -cp))"]" (commandline -cp) 2>/dev/null)'

            """,
        ["pwsh"] = """
            # verdict completion for PowerShell: add `verdict completion pwsh | Out-String | Invoke-Expression` to $PROFILE
            Register-ArgumentCompleter -Native -CommandName verdict -ScriptBlock {
                param($wordToComplete, $commandAst, $cursorPosition)
                verdict "[suggest:$cursorPosition]" "$commandAst" 2>$null | ForEach-Object {
                    [System.Management.Automation.CompletionResult]::new($_, $_, 'ParameterValue', $_)
                }
            }

            """,
    };

    public static Command Create()
    {
        var shell = new Argument<string>("SHELL") { Description = "bash | zsh | fish | pwsh" };
        shell.AcceptOnlyFromAmong([.. Scripts.Keys]);
        var cmd = new Command("completion", "print a shell completion script (bash, zsh, fish, pwsh)") { shell };
        cmd.SetAction(r => { Console.Out.Write(Script(r.GetValue(shell)!)); return ExitCodes.Ok; });
        return cmd;
    }

    /// <summary>The completion script for a shell.</summary>
    internal static string Script(string shell) => Scripts[shell];
}
