namespace AiFeed.Learning;

/// <summary>
/// Reads plan.md: front matter slug, title, summary and "problems" (the problem rotation, one slug
/// per item); then one "## Chapter" section per chapter holding an optional paragraph and a
/// "- lesson-slug" line per lesson, in study order. Unknown slugs are reported and skipped.
/// </summary>
internal static class PlanParser
{
    public static StudyPlan Parse(
        string text, string path, IReadOnlyDictionary<string, Lesson> lessons, IReadOnlyDictionary<string, Problem> problems, List<ContentError> errors)
    {
        var matter = FrontMatter.Parse(text);
        var slug = ContentSlug.Read(matter, path);
        var title = matter.Required("title").Text;
        var summary = matter.Required("summary").Text;
        var problemOrder = new List<Problem>();
        foreach (var item in matter.List("problems"))
        {
            if (problems.TryGetValue(item.Text, out var problem))
            {
                problemOrder.Add(problem);
            }
            else
            {
                errors.Add(new ContentError(path, item.Line, $"no problem has the slug '{item.Text}'"));
            }
        }

        matter.RejectUnknownKeys();
        var chapters = new List<Chapter>();
        foreach (var section in MarkdownSection.Split(matter.Body, matter.BodyLine, 2))
        {
            var chapterLessons = new List<Lesson>();
            var prose = new List<string>();
            var lines = matter.Body.Split('\n');
            var first = section.Line - matter.BodyLine + 1;
            for (var i = first; i < lines.Length && !lines[i].StartsWith("## ", StringComparison.Ordinal); i++)
            {
                var line = lines[i].Trim();
                if (!line.StartsWith("- ", StringComparison.Ordinal))
                {
                    prose.Add(line);
                    continue;
                }

                var lessonSlug = line[2..].Trim();
                if (lessons.TryGetValue(lessonSlug, out var lesson))
                {
                    chapterLessons.Add(lesson with { Chapter = section.Title });
                }
                else
                {
                    errors.Add(new ContentError(path, matter.BodyLine + i, $"no lesson has the slug '{lessonSlug}'"));
                }
            }

            chapters.Add(new Chapter(section.Title, string.Join(' ', prose.Where(p => p.Length > 0)), chapterLessons));
        }

        return new StudyPlan(slug, title, summary, chapters, problemOrder);
    }
}
