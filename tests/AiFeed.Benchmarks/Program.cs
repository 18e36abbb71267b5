using AiFeed.Benchmarks;
using AiFeed.Benchmarks.Ingest;
using AiFeed.Benchmarks.Stories;
using BenchmarkDotNet.Running;

// Whole-system runs print their own report and exit 1 when a target fails; anything else goes to BenchmarkDotNet.
if (args is ["ingest", ..])
{
    return await IngestBench.RunAsync(args[1..]);
}

if (args is ["service", ..])
{
    return await ServiceBench.RunAsync(args[1..]);
}

if (args is ["soak", ..])
{
    return await SoakBench.RunAsync(args[1..]);
}

// Hidden: the ingest and soak benches start this executable again as their feed server's process.
if (args is [FeedServerHost.Verb, ..])
{
    return await FeedServerHost.RunAsync(args[1..]);
}

if (args is ["stories", ..])
{
    return await StoryBench.RunAsync(args[1..]);
}

if (args is ["api", ..])
{
    return await ApiBench.RunAsync(args[1..]);
}

if (args is ["pg-api", ..])
{
    return await PostgresApiBench.RunAsync(args[1..]);
}

if (args is ["retag", ..])
{
    return await RetagBench.RunAsync(args[1..]);
}

// Hidden: the retag bench measures each scenario in a process of its own.
if (args is [RetagBench.RunVerb, ..])
{
    return await RetagBench.RunOnceAsync(args[1..]);
}

BenchmarkSwitcher.FromAssembly(typeof(SyntheticCorpus).Assembly).Run(args);
return 0;
