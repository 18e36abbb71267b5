using System.Text;

namespace AiFeed.Publishing.Newsletter;

/// <summary>The plain-text part of the e-mail: wrapped at 72 columns, each link on a line of its own.</summary>
public static class NewsletterTextRenderer
{
    private const int Width = 72;

    public static string Render(NewsletterIssue issue)
    {
        ArgumentNullException.ThrowIfNull(issue);
        var text = new StringBuilder(8 * 1024);
        Heading(text, $"{NewsletterText.Brand} · {NewsletterText.LongDate(issue.Date)}", '=');
        Wrap(text, issue.Subject);

        if (issue.Lesson is { } lesson)
        {
            Heading(text, "TODAY'S LESSON: " + lesson.Title, '-');
            Wrap(text, lesson.Chapter);
            Wrap(text, lesson.Introduction);
            text.Append("Read the full lesson: ").Append(lesson.Url).Append("\n\n");
        }

        if (issue.Problem is { } problem)
        {
            Heading(text, "TODAY'S PROBLEM: " + problem.Title, '-');
            text.Append("Difficulty: ").Append(problem.Difficulty).Append("\n\n");
            Wrap(text, problem.Task);
            text.Append("Try it: ").Append(problem.Url).Append("\n\n");
        }

        var spotlight = issue.Spotlight;
        Heading(text, "SPOTLIGHT: " + spotlight.Name, '-');
        Wrap(text, spotlight.Description);
        if (spotlight.Note is { } note)
        {
            Wrap(text, note);
        }

        if (spotlight.TopSources.Count > 0)
        {
            text.Append("Most active sources this week:\n");
            foreach (var tally in spotlight.TopSources)
            {
                text.Append("  * ").Append(NewsletterText.Tally(tally)).Append('\n');
            }

            text.Append('\n');
        }

        foreach (var (heading, posts) in issue.PostLists())
        {
            text.Append(heading).Append(":\n\n");
            foreach (var (post, number) in posts.Select((p, i) => (p, i + 1)))
            {
                Wrap(text, $"{number}. {post.Title}", blankLine: false);
                Wrap(text, NewsletterText.Byline(post, issue), indent: "   ", blankLine: false);
                text.Append("   ").Append(post.Url).Append('\n');
                if (post.Summary.Length > 0)
                {
                    Wrap(text, post.Summary, indent: "   ", blankLine: false);
                }

                text.Append('\n');
            }
        }

        text.Append("--\n");
        Wrap(text, NewsletterText.Footer(issue), blankLine: false);
        text.Append("On the web: ").Append(issue.WebUrl).Append('\n');
        return text.ToString();
    }

    private static void Heading(StringBuilder text, string title, char underline) =>
        text.Append(title).Append('\n').Append(underline, Math.Min(title.Length, Width)).Append("\n\n");

    private static void Wrap(StringBuilder text, string paragraph, string indent = "", bool blankLine = true)
    {
        var line = new StringBuilder(indent);
        foreach (var word in paragraph.Split((char[])[' ', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries))
        {
            if (line.Length > indent.Length && line.Length + 1 + word.Length > Width)
            {
                text.Append(line).Append('\n');
                line.Clear().Append(indent);
            }

            if (line.Length > indent.Length)
            {
                line.Append(' ');
            }

            line.Append(word);
        }

        text.Append(line).Append('\n');
        if (blankLine)
        {
            text.Append('\n');
        }
    }
}
