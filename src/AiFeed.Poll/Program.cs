using AiFeed.Cli;

// aifeed-poll: `aifeed poll`, its options, output and exit codes, compiled ahead of time (decision
// 0082): a one-shot run without the runtime's start-up work (loading types, JIT-compiling what no
// ReadyToRun image holds), which most of a run where little is new is.
var verbose = CommandLineRunner.VerboseOption();
return await CommandLineRunner.RunAsync(args, PollCommand.CreateRoot(verbose), verbose, "aifeed-poll", Console.Out, Console.Error);
