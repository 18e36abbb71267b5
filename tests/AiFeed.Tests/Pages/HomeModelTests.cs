using AiFeed.Model;
using AiFeed.Pages;

namespace AiFeed.Tests.Pages;

public sealed class HomeModelTests
{
    [Theory]
    [InlineData(true, "36,017 posts, best match first")]
    [InlineData(false, "about 36,000 posts, best match first")]
    public void CountLine_Search_SaysWhenTheCountIsAnEstimate(bool exact, string expected)
    {
        // Arrange
        var search = new SearchOutcome(exact ? 36_017 : 36_000, new Dictionary<string, PostHighlight>(), [], [], exact);
        var model = new HomeModel(false, [], new ReaderFilter([], [], "diffusion"), [], [], null, true, DateTime.UnixEpoch, Search: search)
        {
            Count = search.Total,
        };

        // Act
        var line = model.CountLine;

        // Assert
        Assert.Equal(expected, line);
    }
}
