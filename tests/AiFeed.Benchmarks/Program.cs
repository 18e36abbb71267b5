using AiFeed.Benchmarks;
using BenchmarkDotNet.Running;

if (args is ["api", ..])
{
    return await ApiBench.RunAsync(args[1..]);
}

BenchmarkSwitcher.FromAssembly(typeof(SyntheticCorpus).Assembly).Run(args);
return 0;
