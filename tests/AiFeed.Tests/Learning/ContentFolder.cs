using AiFeed.Learning;
using AiFeed.Tests.Infrastructure;

namespace AiFeed.Tests.Learning;

/// <summary>A temp copy of the shipped learning content that a test may add broken files to.</summary>
internal sealed class ContentFolder : IDisposable
{
    /// <summary>The content copied to the test output from src/AiFeed/Content/learning.</summary>
    public static readonly string ShippedPath = System.IO.Path.Combine(AppContext.BaseDirectory, "Content", "learning");

    private static readonly Lazy<LearningContent> ShippedContent = new(() =>
        LearningContentLoader.LoadAsync(ShippedPath, CancellationToken.None).GetAwaiter().GetResult());

    private readonly TempDirectory _folder = new();

    public ContentFolder()
    {
        foreach (var file in Directory.EnumerateFiles(ShippedPath, "*.md", SearchOption.AllDirectories))
        {
            var target = System.IO.Path.Combine(_folder.Path, System.IO.Path.GetRelativePath(ShippedPath, file));
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    public string Path => _folder.Path;

    public static LearningContent Shipped() => ShippedContent.Value;

    public void Write(string relativePath, string text) => File.WriteAllText(System.IO.Path.Combine(_folder.Path, relativePath), text);

    public string Read(string relativePath) => File.ReadAllText(System.IO.Path.Combine(_folder.Path, relativePath));

    public Task<LearningContent> LoadAsync() => LearningContentLoader.LoadAsync(_folder.Path, TestContext.Current.CancellationToken);

    public void Dispose() => _folder.Dispose();
}
