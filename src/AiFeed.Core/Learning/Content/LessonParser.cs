namespace AiFeed.Learning;

/// <summary>Reads lessons/*.md: front matter title, summary (and optional slug), then the Markdown body.</summary>
internal static class LessonParser
{
    public static Lesson Parse(string text, string path)
    {
        var matter = FrontMatter.Parse(text);
        var slug = ContentSlug.Read(matter, path);
        var title = matter.Required("title").Text;
        var summary = matter.Required("summary").Text;
        matter.RejectUnknownKeys();
        if (matter.Body.Trim().Length == 0)
        {
            throw new ContentException(matter.EndLine, "the lesson has no body");
        }

        return new Lesson(slug, title, summary, matter.Body.Trim(), MarkdownRenderer.ToHtml(matter.Body), path);
    }
}
