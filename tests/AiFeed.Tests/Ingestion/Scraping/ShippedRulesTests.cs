using AiFeed.Ingestion.Scraping;

namespace AiFeed.Tests.Ingestion.Scraping;

/// <summary>Every rule shipped in feeds.json, over a page written in the shape its site uses.</summary>
public sealed class ShippedRulesTests
{
    public static TheoryData<string, string, int, string, string, string?> Pages => new()
    {
        { "anthropic-news", SitePages.AnthropicNews(), 3, "Introducing Claude 5", "https://www.anthropic.com/news/claude-5", "2026-11-20T09:00:00" },
        { "anthropic-research", SitePages.AnthropicNews(), 3, "Introducing Claude 5", "https://www.anthropic.com/news/claude-5", "2026-11-20T09:00:00" },
        { "anthropic-engineering", SitePages.AnthropicEngineering(), 1, "Building effective agents", "https://www.anthropic.com/engineering/building-effective-agents", "2026-10-30T00:00:00" },
        { "mistral", SitePages.Mistral(), 2, "Magistral 2", "https://mistral.ai/news/magistral-2", "2026-11-18T16:00:00" },
        { "cohere", SitePages.Cohere(), 2, "Command A Reasoning", "https://cohere.com/blog/command-a-reasoning", "2026-11-14T15:00:00" },
        { "claude-blog", SitePages.ClaudeBlog(), 2, "Claude in Chrome", "https://claude.com/blog/claude-in-chrome", "2026-11-18T00:00:00" },
        { "xai", SitePages.Xai(), 2, "Grok 5", "https://x.ai/news/grok-5", "2026-11-17T00:00:00" },
        { "ai2", SitePages.Ai2(), 2, "OLMo 4: fully open, again", "https://allenai.org/blog/olmo-4", "2026-11-12T00:00:00" },
        { "meta-ai", SitePages.MetaAi(), 2, "Llama 5", "https://ai.meta.com/blog/llama-5/", "2026-11-10T00:00:00" },
    };

    [Theory]
    [InlineData("anthropic-news")]
    [InlineData("anthropic-research")]
    [InlineData("anthropic-engineering")]
    [InlineData("claude-blog")]
    [InlineData("mistral")]
    [InlineData("meta-ai")]
    [InlineData("xai")]
    [InlineData("ai2")]
    [InlineData("cohere")]
    public void ShippedCatalog_FeedlessLab_HasScrapeRulesAndNoFeed(string sourceId)
    {
        // Arrange & Act
        var source = ShippedRules.Source(sourceId);

        // Assert: docs/sources.md found no feed for these; the configs that name one are treated as nonexistent.
        Assert.Null(source.Url);
        Assert.NotNull(source.Site);
        Assert.NotNull(source.Scrape);
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task ShippedRule_PageInSiteShape_ReadsPosts(string sourceId, string html, int count, string firstTitle, string firstLink, string? firstDate)
    {
        // Arrange & Act
        var result = await ShippedRules.ScrapeAsync(sourceId, html, TestContext.Current.CancellationToken);

        // Assert
        Assert.Null(BreakageGuard.Check(result, null));
        Assert.Equal(count, result.Items.Count);
        var first = result.Items[0];
        Assert.Equal(firstTitle, first.Title);
        Assert.Equal(firstLink, first.Link);
        Assert.Equal(firstDate, first.PublishedAt?.UtcDateTime.ToString("s", System.Globalization.CultureInfo.InvariantCulture));
        Assert.All(result.Items, i => Assert.StartsWith("https://", i.Link, StringComparison.Ordinal));
    }

    [Fact]
    public async Task AnthropicRule_FeaturedAndListedPost_ReadsItOnceWithEveryField()
    {
        // Arrange & Act
        var result = await ShippedRules.ScrapeAsync("anthropic-news", SitePages.AnthropicNews(), TestContext.Current.CancellationToken);

        // Assert: the featured copy and the list copy are one post; a post without directories uses the /news/ fallback.
        Assert.Equal(4, result.Matched);
        Assert.Equal(["https://www.anthropic.com/news/claude-5", "https://www.anthropic.com/news/economic-index-november", "https://www.anthropic.com/news/no-directory"], result.Items.Select(i => i.Link));
        var first = result.Items[0];
        Assert.Equal("Summary of Introducing Claude 5.", first.Summary);
        Assert.Equal(["Announcements"], first.Categories);
        Assert.Equal("https://cdn.sanity.io/images/claude-5.png", first.ImageUrl);
        Assert.Equal(new DateTimeOffset(2026, 11, 12, 0, 0, 0, TimeSpan.Zero), result.Items[1].PublishedAt);
    }

    [Fact]
    public async Task MistralRule_FlightData_ReadsAuthorCategoryAndNullDescription()
    {
        // Arrange & Act
        var result = await ShippedRules.ScrapeAsync("mistral", SitePages.Mistral(), TestContext.Current.CancellationToken);

        // Assert
        Assert.Equal("Mistral AI", result.Items[0].Author);
        Assert.Equal(["Research"], result.Items[0].Categories);
        Assert.Equal("Reasoning, again.", result.Items[0].Summary);
        Assert.Null(result.Items[1].Summary);
    }

    [Fact]
    public async Task CohereRule_SlugAsStringOrObject_BuildsBothLinksAndResolvesImages()
    {
        // Arrange & Act
        var result = await ShippedRules.ScrapeAsync("cohere", SitePages.Cohere(), TestContext.Current.CancellationToken);

        // Assert
        Assert.Equal("https://cohere.com/blog/embed-5", result.Items[1].Link);
        Assert.Equal("Multimodal embeddings.", result.Items[1].Summary);
        Assert.Equal("https://cohere.com/images/command-a.png", result.Items[0].ImageUrl);
        Assert.Equal(["Research"], result.Items[0].Categories);
    }

    [Fact]
    public async Task ClaudeRule_WebflowList_ReadsCategoryDescriptionAndShortMonthDates()
    {
        // Arrange & Act
        var result = await ShippedRules.ScrapeAsync("claude-blog", SitePages.ClaudeBlog(), TestContext.Current.CancellationToken);

        // Assert
        Assert.Equal(["Product announcements"], result.Items[0].Categories);
        Assert.Equal("Browse with Claude.", result.Items[0].Summary);
        Assert.Equal(new DateTimeOffset(2026, 10, 2, 0, 0, 0, TimeSpan.Zero), result.Items[1].PublishedAt);
    }

    [Fact]
    public async Task Ai2Rule_DateInsideTitle_TitleIsOnlyTheHeadingsOwnText()
    {
        // Arrange & Act
        var result = await ShippedRules.ScrapeAsync("ai2", SitePages.Ai2(), TestContext.Current.CancellationToken);

        // Assert
        Assert.Equal(["OLMo 4: fully open, again", "Tülu 4"], result.Items.Select(i => i.Title));
        Assert.Equal(new DateTimeOffset(2026, 10, 28, 0, 0, 0, TimeSpan.Zero), result.Items[1].PublishedAt);
        Assert.Equal("Weights, data and code.", result.Items[0].Summary);
    }
}
