namespace AiFeed.Ingestion.Processing;

/// <summary>What processing one document changed in the store.</summary>
public sealed record ProcessResult(int Items, int NewPosts, int UpdatedPosts, int MergedPosts, int Unchanged);
