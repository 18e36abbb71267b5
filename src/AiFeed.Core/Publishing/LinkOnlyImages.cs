using AiFeed.Model;

namespace AiFeed.Publishing;

/// <summary>
/// For outputs that must load nothing (e-mail, a page without the image proxy): each
/// <c>&lt;img&gt;</c> becomes a link to the picture on its own site, labelled with its alt text.
/// </summary>
public static class LinkOnlyImages
{
    public static string Rewrite(string? html) => PostImages.Rewrite(html, (src, alt) =>
    {
        var label = string.IsNullOrWhiteSpace(alt) ? "image" : "image: " + alt;
        return src is { Length: > 0 } && PostImages.IsWeb(System.Net.WebUtility.HtmlDecode(src))
            ? $"<a class=\"image-link\" href=\"{src}\" rel=\"noopener noreferrer\">[{label}]</a>"
            : $"<span class=\"image-link\">[{label}]</span>";
    });
}
