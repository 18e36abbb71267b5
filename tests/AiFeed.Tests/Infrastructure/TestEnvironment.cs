namespace AiFeed.Tests.Infrastructure;

/// <summary>
/// Where the repository and the shared corpus are, and how tests that need something a fresh
/// machine may lack skip: with a clear message, or fail when AIFEED_REQUIRE_ALL=1 (set by .ci/run).
/// </summary>
internal static class TestEnvironment
{
    public const string RequireAllVariable = "AIFEED_REQUIRE_ALL";

    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    public static string CorpusRoot { get; } = Path.GetFullPath(Path.Combine(RepositoryRoot, "..", "shared", "corpus"));

    public static bool RequireAll => Environment.GetEnvironmentVariable(RequireAllVariable) == "1";

    /// <summary>The absolute path of a corpus folder or file; skips (or fails under CI) when absent.</summary>
    public static string CorpusPath(string relative)
    {
        var path = Path.Combine(CorpusRoot, relative);
        if (!Directory.Exists(path) && !File.Exists(path))
        {
            SkipOrFail($"the shared corpus is not at {path}; clone the repository next to ../shared to run this test");
        }

        return path;
    }

    public static void SkipOrFail(string reason)
    {
        if (RequireAll)
        {
            Assert.Fail($"{reason} ({RequireAllVariable}=1 turns this skip into a failure)");
        }

        Assert.Skip(reason);
    }

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "AiFeed.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"AiFeed.slnx not found above {AppContext.BaseDirectory}");
    }
}
