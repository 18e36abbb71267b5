using BenchmarkDotNet.Running;

if (args is ["ingest", ..])
{
    return await AiFeed.Benchmarks.Ingest.IngestBench.RunAsync(args[1..]);
}

if (args is ["soak", ..])
{
    return await AiFeed.Benchmarks.Ingest.SoakBench.RunAsync(args[1..]);
}

BenchmarkSwitcher.FromAssembly(typeof(AiFeed.Benchmarks.SyntheticCorpus).Assembly).Run(args);
return 0;
