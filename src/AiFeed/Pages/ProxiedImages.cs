using AiFeed.Endpoints;
using AiFeed.Model;

namespace AiFeed.Pages;

/// <summary>A post's body with its images loaded through AiFeed's image proxy (lazily, with their alt text).</summary>
public static class ProxiedImages
{
    public static string Rewrite(Post post)
    {
        ArgumentNullException.ThrowIfNull(post);
        return PostImages.Rewrite(post.ContentHtml, (src, alt) =>
        {
            var url = src is null ? null : System.Net.WebUtility.HtmlDecode(src);
            // src and alt are still escaped as the sanitiser wrote them: copied as they are.
            return PostImages.IsWeb(url)
                ? $"<img src=\"{ImagesApi.UrlOf(post.Id, url!)}\" alt=\"{alt}\" loading=\"lazy\" decoding=\"async\">"
                : $"<span class=\"image-link\">[{(string.IsNullOrWhiteSpace(alt) ? "image" : "image: " + alt)}]</span>";
        });
    }
}
