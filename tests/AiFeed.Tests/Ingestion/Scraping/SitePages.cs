namespace AiFeed.Tests.Ingestion.Scraping;

/// <summary>
/// Listing pages in the shapes the feedless AI sites use (docs/sources.md), written for the tests:
/// card lists with relative links, Webflow CMS lists, Next.js pages with flight data or
/// __NEXT_DATA__, and dates in several formats.
/// </summary>
internal static class SitePages
{
    public static string AnthropicNews() => NextFlightPage.Html(
        "Newsroom \\ Anthropic",
        "<main><ul class=\"PublicationList-module-scss-module__KxYrHG__list\"><li><a href=\"/news/claude-5\">Introducing Claude 5</a></li></ul></main>",
        new
        {
            page = new
            {
                sections = new object[]
                {
                    new { _type = "featuredGrid", posts = new[] { AnthropicPost("claude-5", "Introducing Claude 5", "news", "2026-11-20T09:00:00.000Z") } },
                    new
                    {
                        _type = "publicationList",
                        title = "Publications",
                        posts = new object[]
                        {
                            AnthropicPost("claude-5", "Introducing Claude 5", "news", "2026-11-20T09:00:00.000Z"),
                            AnthropicPost("economic-index-november", "Anthropic Economic Index: November report", "news", "2026-11-12"),
                            new { _type = "post", title = "A post without directories", slug = new { current = "no-directory" }, publishedOn = "2026-11-01T00:00:00Z" },
                        },
                    },
                },
            },
        });

    public static string AnthropicEngineering() => NextFlightPage.Html(
        "Engineering \\ Anthropic",
        "<main></main>",
        new
        {
            page = new
            {
                sections = new[]
                {
                    new { title = "Engineering at Anthropic", posts = new[] { AnthropicPost("building-effective-agents", "Building effective agents", "engineering", "2026-10-30T00:00:00Z") } },
                },
            },
        },
        chunkSize: 97);

    public static string Mistral() => NextFlightPage.Html(
        "Latest news | Mistral AI",
        "<a class=\"group\" href=\"/news/magistral-2\"><article><h1>Magistral 2</h1></article></a>",
        new
        {
            posts = new object[]
            {
                new { id = "a1", slug = "magistral-2", author = "Mistral AI", date = "2026-11-18T16:00:00", category = new { name = "Research" }, title = "Magistral 2", description = "Reasoning, again." },
                new { id = "a2", slug = "le-chat-teams", author = "Mistral AI", date = "2026-11-04T16:00:00", category = new { name = "Product" }, title = "Le Chat for teams", description = (string?)null },
            },
        });

    public static string Cohere() => NextFlightPage.NextData(
        "Blog | Cohere",
        new
        {
            props = new
            {
                pageProps = new
                {
                    posts = new object[]
                    {
                        new { title = "Command A Reasoning", slug = "command-a-reasoning", published_at = "2026-11-14T15:00:00.000+00:00", custom_excerpt = "Our first reasoning model.", tags = new[] { new { name = "Research" } }, feature_image = "/images/command-a.png" },
                        new { title = "Embed 5", slug = new { current = "embed-5" }, date = "2026-10-02", excerpt = "Multimodal embeddings.", tags = Array.Empty<object>() },
                    },
                },
            },
            page = "/blog",
        });

    public static string ClaudeBlog() => """
        <!DOCTYPE html><html><head><title>Blog | Claude</title></head><body>
        <div class="w-dyn-list"><div role="list" class="w-dyn-items">
          <div role="listitem" class="marquee_cms_blog_list_item w-dyn-item">
            <a href="/blog/claude-in-chrome" class="card_blog_link w-inline-block">
              <div fs-list-field="category">Product announcements</div>
              <h2 class="u-text-style-h5">Claude in Chrome</h2>
              <p class="card_blog_description">Browse with Claude.</p>
              <div class="u-text-style-caption">November 18, 2026</div>
            </a>
          </div>
          <div role="listitem" class="marquee_cms_blog_list_item w-dyn-item">
            <a href="/blog/skills" class="card_blog_link w-inline-block">
              <div fs-list-field="category">Agents</div>
              <h2 class="u-text-style-h5">Agent skills</h2>
              <div class="u-text-style-caption">Oct 2, 2026</div>
            </a>
          </div>
        </div></div></body></html>
        """;

    public static string Xai() => """
        <!DOCTYPE html><html><head><title>News | xAI</title></head><body><main>
          <div class="group relative"><a class="absolute inset-0" href="/news/grok-5"></a>
            <p class="mono-tag text-xs leading-6">November 17, 2026</p><h3>Grok 5</h3><p class="text-secondary">Our most capable model.</p></div>
          <div class="group relative"><a class="absolute inset-0" href="https://x.ai/news/colossus-3"></a>
            <p class="mono-tag text-xs leading-6">September 1, 2026</p><h4>Colossus 3</h4><p class="text-secondary">A bigger cluster.</p></div>
        </main></body></html>
        """;

    public static string Ai2() => """
        <!DOCTYPE html><html><head><title>News | Ai2</title></head><body>
          <div class="grid-tr_subgrid__a81Kq"><a href="/blog/olmo-4"><h2><span>November 12, 2026</span> OLMo 4: fully open, again </h2></a><div><p>Weights, data and code.</p></div></div>
          <div class="grid-tr_subgrid__a81Kq"><a href="/blog/tulu-4"><h2><span>Oct 28, 2026</span>Tülu 4</h2></a><div><p>Post-training recipes.</p></div></div>
        </body></html>
        """;

    public static string MetaAi() => """
        <!DOCTYPE html><html><head><title>AI at Meta Blog</title></head><body>
          <div class="_amda"><a href="https://ai.meta.com/blog/llama-5/"><div class="_amde">Llama 5</div></a><div class="_amdj">November 10, 2026</div><p class="_amt3">The herd grows.</p></div>
          <div class="_amda"><a href="/blog/sam-4/"><div class="_amde">Segment Anything 4</div></a><div class="_amdj">Oct 20, 2026</div><p class="_amt3">Segment more.</p></div>
        </body></html>
        """;

    private static object AnthropicPost(string slug, string title, string directory, string publishedOn) => new
    {
        _type = "post",
        title,
        slug = new { current = slug, _type = "slug" },
        directories = new[] { new { value = directory, label = directory } },
        publishedOn,
        summary = $"Summary of {title}.",
        subjects = new[] { new { label = "Announcements" } },
        cardPhoto = new { url = $"https://cdn.sanity.io/images/{slug}.png" },
    };
}
