using System.CommandLine;

namespace GuideBuilder.Cli;

/// <summary>
/// <c>completion bash|zsh|pwsh</c>: prints a script that hands the line being typed to
/// <c>guidebuilder "[suggest:N]" "line"</c>, System.CommandLine's completion directive, and offers what it answers —
/// commands, options, and option values such as <c>--format</c>'s. The script holds no list of its own, so it never
/// goes stale when a command or option is added.
/// </summary>
public static class CompletionCommand
{
    /// <summary>The shells a script is written for.</summary>
    public static readonly string[] Shells = ["bash", "zsh", "pwsh"];

    public static GuideCommand Define(CliContext cx)
    {
        var shell = new Argument<string>("shell") { Description = "the shell: bash, zsh or pwsh", HelpName = "SHELL" };
        shell.CompletionSources.Add(Shells);
        shell.Validators.Add(result =>
        {
            var value = result.Tokens.Count > 0 ? result.Tokens[0].Value : "";
            if (!Shells.Contains(value)) result.AddError($"completion is written for bash, zsh or pwsh, not '{value}'");
        });
        var command = new GuideCommand("completion", "print a tab-completion script for bash, zsh or pwsh")
        {
            Details = """
                Prints a script that completes commands, options and option values when Tab is pressed.
                The script asks guidebuilder itself (the "[suggest]" directive), so it knows every option
                of the installed version. Load it from your shell's start-up file (see the examples).
                """,
            Examples =
            [
                "completion bash >> ~/.bashrc",
                "completion zsh > \"${fpath[1]}/_guidebuilder\"",
                "completion pwsh >> $PROFILE",
            ],
        };
        command.Arguments.Add(shell);
        command.SetAction(parse =>
        {
            cx.Stdout.Write(Script(parse.GetValue(shell)!));
            return CommandLine.Ok;
        });
        return command;
    }

    /// <summary>The completion script for <paramref name="shell"/>.</summary>
    public static string Script(string shell) => (shell switch
    {
        "bash" => Bash,
        "zsh" => Zsh,
        "pwsh" => Pwsh,
        _ => throw new ArgumentOutOfRangeException(nameof(shell), shell, "no completion script for this shell"),
    }).Replace("\r\n", "\n");

    // Each script passes the text after the program name, up to the cursor, and the cursor's offset in it.
    private const string Bash = """
        # guidebuilder tab completion for bash (from `guidebuilder completion bash`)
        _guidebuilder_complete()
        {
            local line="${COMP_LINE:0:COMP_POINT}"
            line="${line#*"${COMP_WORDS[0]}"}"
            line="${line#"${line%%[![:space:]]*}"}"
            local IFS=$'\n'
            COMPREPLY=($(compgen -W "$(command guidebuilder "[suggest:${#line}]" "$line" 2>/dev/null)" -- "${COMP_WORDS[COMP_CWORD]}"))
        }
        complete -o default -F _guidebuilder_complete guidebuilder

        """;

    private const string Zsh = """
        #compdef guidebuilder
        # guidebuilder tab completion for zsh (from `guidebuilder completion zsh`)
        _guidebuilder() {
            local line="${(j: :)words[2,CURRENT]}"
            local -a items
            items=("${(@f)$(command guidebuilder "[suggest:${#line}]" "$line" 2>/dev/null)}")
            if [[ -n "${items[1]}" ]]; then
                compadd -- "${items[@]}"
            else
                _files
            fi
        }
        if [[ "${funcstack[1]}" == "_guidebuilder" ]]; then
            _guidebuilder "$@"
        else
            compdef _guidebuilder guidebuilder
        fi

        """;

    private const string Pwsh = """
        # guidebuilder tab completion for PowerShell (from `guidebuilder completion pwsh`)
        Register-ArgumentCompleter -Native -CommandName guidebuilder -ScriptBlock {
            param($wordToComplete, $commandAst, $cursorPosition)
            $start = $commandAst.CommandElements[0].Extent.EndOffset
            $text = $commandAst.Extent.Text.PadRight($cursorPosition - $commandAst.Extent.StartOffset)
            $line = $text.Substring($start - $commandAst.Extent.StartOffset, $cursorPosition - $start).TrimStart()
            guidebuilder "[suggest:$($line.Length)]" "$line" 2>$null | ForEach-Object {
                [System.Management.Automation.CompletionResult]::new($_, $_, 'ParameterValue', $_)
            }
        }

        """;
}
