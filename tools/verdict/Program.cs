using System.CommandLine;
using Verdict.Cli;
using Verdict.Cli.Commands;

var root = new RootCommand("Verdict: policy-as-code decisions for data-leak emergency response");
root.Subcommands.Add(DecideCommand.Create());
return Cli.Run(root, args);
