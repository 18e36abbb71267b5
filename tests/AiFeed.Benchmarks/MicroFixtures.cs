using System.Globalization;
using System.Text;

namespace AiFeed.Benchmarks;

/// <summary>Inputs the micro-benchmarks share: generated feeds, ~3 KB article HTML, the repository and corpus paths.</summary>
internal static class MicroFixtures
{
    public const int ItemsPerFeed = 20;

    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "AiFeed.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("run the benchmarks from inside the repository");
    }

    /// <summary>A real feed from the shared corpus (../shared/corpus/real beside the clone), or null when it is absent.</summary>
    public static string? RealFeedPath()
    {
        var path = Path.Combine(RepositoryRoot(), "..", "shared", "corpus", "real", "deepmind", "deepmind_blog_rss_2026-08-13.xml");
        return File.Exists(path) ? Path.GetFullPath(path) : null;
    }

    /// <summary>About 3 KB of blog-post HTML with what sanitising must handle: scripts, handlers, relative links, tracking pixels.</summary>
    public static string ArticleHtml(int n)
    {
        var html = new StringBuilder();
        html.Append(CultureInfo.InvariantCulture, $"<div class=\"post\" style=\"color:red\"><h2 id=\"intro-{n}\">Scaling laws for mixture-of-experts models, part {n}</h2>");
        for (var p = 0; p < 5; p++)
        {
            html.Append(CultureInfo.InvariantCulture, $"<p onclick=\"track({p})\">We trained <strong>{p + 1}</strong> families of sparse transformers and measured how loss falls with compute. ");
            html.Append(CultureInfo.InvariantCulture, $"See <a href=\"/research/moe-{n}-{p}?utm_source=rss&amp;utm_medium=feed\" target=\"_blank\">the paper</a> and <em>the appendix</em> for details &amp; caveats.</p>");
        }

        html.Append(CultureInfo.InvariantCulture, $"<figure><img src=\"images/figure-{n}.png\" srcset=\"images/figure-{n}@2x.png 2x\" alt=\"Loss curves\" width=\"640\"><figcaption>Loss against compute.</figcaption></figure>");
        html.Append("<script>window.dataLayer.push({event:'view'})</script><iframe src=\"https://ads.example/frame\"></iframe>");
        html.Append("<pre><code class=\"language-python\">model = MoE(experts=64, top_k=2)\nloss = model.fit(data)</code></pre>");
        html.Append("<ul><li>Sparse routing</li><li>Load balancing</li><li>Expert capacity</li></ul>");
        html.Append("<img src=\"https://pixel.example/t.gif?id=1\" width=\"1\" height=\"1\"></div>");
        return html.ToString();
    }

    public static byte[] Rss()
    {
        var xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<rss version=\"2.0\" xmlns:content=\"http://purl.org/rss/1.0/modules/content/\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><channel><title>Lab blog</title><link>https://lab.example/blog</link><description>Research</description>");
        var at = new DateTimeOffset(2026, 11, 20, 9, 30, 0, TimeSpan.Zero);
        for (var i = 0; i < ItemsPerFeed; i++)
        {
            xml.Append(CultureInfo.InvariantCulture, $"<item><title>Scaling sparse models, part {i}</title><link>https://lab.example/blog/post-{i}?utm_source=rss</link><guid isPermaLink=\"false\">post-{i}</guid>");
            xml.Append(CultureInfo.InvariantCulture, $"<pubDate>{at.AddHours(-i).ToString("ddd, dd MMM yyyy HH:mm:ss '+0000'", CultureInfo.InvariantCulture)}</pubDate><dc:creator>Researcher {i}</dc:creator><category>Research</category>");
            xml.Append("<description>A short summary of the post.</description><content:encoded><![CDATA[").Append(ArticleHtml(i)).Append("]]></content:encoded></item>");
        }

        return Encoding.UTF8.GetBytes(xml.Append("</channel></rss>").ToString());
    }

    public static byte[] Atom()
    {
        var xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>Lab blog</title><id>urn:lab:blog</id><updated>2026-11-20T09:30:00Z</updated><link href=\"https://lab.example/blog\"/>");
        var at = new DateTimeOffset(2026, 11, 20, 9, 30, 0, TimeSpan.Zero);
        for (var i = 0; i < ItemsPerFeed; i++)
        {
            xml.Append(CultureInfo.InvariantCulture, $"<entry><title>Scaling sparse models, part {i}</title><link rel=\"alternate\" href=\"https://lab.example/blog/post-{i}\"/><id>urn:lab:post-{i}</id>");
            xml.Append(CultureInfo.InvariantCulture, $"<published>{at.AddHours(-i):yyyy-MM-ddTHH:mm:ssZ}</published><updated>{at.AddHours(-i):yyyy-MM-ddTHH:mm:ss.fffzzz}</updated><author><name>Researcher {i}</name></author><category term=\"research\"/>");
            xml.Append("<summary>A short summary of the post.</summary><content type=\"html\">").Append(System.Security.SecurityElement.Escape(ArticleHtml(i))).Append("</content></entry>");
        }

        return Encoding.UTF8.GetBytes(xml.Append("</feed>").ToString());
    }
}
