using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(AiFeed.Benchmarks.SyntheticCorpus).Assembly).Run(args);
