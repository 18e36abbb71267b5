using AiFeed.Model;
using AiFeed.Tests.Infrastructure;
using AiFeed.Tests.Storage;

namespace AiFeed.Tests.Search;

/// <summary>Chinese, Japanese and Korean words in titles, on the embedded index's CJK bigram fields.</summary>
public sealed class CjkSearchTests : IDisposable
{
    private readonly TempStore db = new();

    public void Dispose() => db.Dispose();

    [Fact]
    public async Task Search_JapaneseAndKoreanWords_MatchInsideTheirTitles_NotCharactersApart()
    {
        // Arrange
        await SaveAsync(
            TestPosts.Make(1, "大規模言語モデルの推論性能"),
            TestPosts.Make(2, "거대 언어 모델의 추론 능력"),
            TestPosts.Make(3, "推しの論文まとめ"));

        // Act
        var japanese = await TitlesAsync("推論");
        var katakana = await TitlesAsync("モデル");
        var korean = await TitlesAsync("추론");

        // Assert
        Assert.Equal(["大規模言語モデルの推論性能"], japanese);
        Assert.Equal(["大規模言語モデルの推論性能"], katakana);
        Assert.Equal(["거대 언어 모델의 추론 능력"], korean);
    }

    private async Task SaveAsync(params Post[] posts) =>
        await db.Posts.SaveAsync(posts, TestContext.Current.CancellationToken);

    private async Task<List<string>> TitlesAsync(string text) =>
        [.. (await db.Posts.QueryAsync(new PostQuery { Text = text }, TestContext.Current.CancellationToken)).Items.Select(p => p.Title)];
}
