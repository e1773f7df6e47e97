using System.CommandLine;
using Verdict.Cli;
using Verdict.Cli.Commands;

var root = new RootCommand("Verdict: policy-as-code decisions for data-leak emergency response");
root.Subcommands.Add(DecideCommand.Create());
root.Subcommands.Add(BenchCommand.Create());
root.Subcommands.Add(ServeCommand.Create());
root.Subcommands.Add(LogCommand.Create());
root.Subcommands.Add(TestCommand.Create());
root.Subcommands.Add(DiffCommand.Create());
root.Subcommands.Add(BundleCommand.Create());
root.Subcommands.Add(InitCommand.Create());
root.Subcommands.Add(FactsCommand.Create());
root.Subcommands.Add(AuditCommand.Create());
root.Subcommands.Add(DrillCommand.Create());
root.Subcommands.Add(FmtCommand.Create());
root.Subcommands.Add(CompletionCommand.Create());
return Cli.Run(root, args);
