using System.Text;
using System.Text.RegularExpressions;

namespace AiFeed.Publishing.Newsletter;

/// <summary>The issue as CommonMark: text from feeds is escaped so a title cannot become markup or a link.</summary>
public static partial class NewsletterMarkdownRenderer
{
    public static string Render(NewsletterIssue issue)
    {
        ArgumentNullException.ThrowIfNull(issue);
        var md = new StringBuilder(8 * 1024);
        md.Append("# ").Append(NewsletterText.Brand).Append(" · ").Append(NewsletterText.LongDate(issue.Date)).Append("\n\n")
            .Append("> ").Append(Escape(issue.Subject)).Append("\n\n");

        if (issue.Lesson is { } lesson)
        {
            md.Append("## Today's lesson: ").Append(Escape(lesson.Title)).Append("\n\n")
                .Append('*').Append(Escape(lesson.Chapter)).Append("*\n\n")
                .Append(Escape(lesson.Introduction)).Append("\n\n")
                .Append(Link("Read the full lesson", lesson.Url)).Append("\n\n");
        }

        if (issue.Problem is { } problem)
        {
            md.Append("## Today's problem: ").Append(Escape(problem.Title)).Append("\n\n")
                .Append("**Difficulty:** ").Append(problem.Difficulty).Append("\n\n")
                .Append(Escape(problem.Task)).Append("\n\n")
                .Append(Link("Try it", problem.Url)).Append("\n\n");
        }

        var spotlight = issue.Spotlight;
        md.Append("## Spotlight: ").Append(Escape(spotlight.Name)).Append("\n\n").Append(Escape(spotlight.Description)).Append("\n\n");
        if (spotlight.Note is { } note)
        {
            md.Append("> ").Append(Escape(note)).Append("\n\n");
        }

        if (spotlight.TopSources.Count > 0)
        {
            md.Append("### Most active sources this week\n\n");
            foreach (var tally in spotlight.TopSources)
            {
                md.Append("- ").Append(Escape(NewsletterText.Tally(tally))).Append('\n');
            }

            md.Append('\n');
        }

        foreach (var (heading, posts) in issue.PostLists())
        {
            md.Append("### ").Append(heading).Append("\n\n");
            foreach (var (post, number) in posts.Select((p, i) => (p, i + 1)))
            {
                md.Append(number).Append(". ")
                    .Append(NewsletterText.IsWeb(post.Url) ? Link(post.Title, post.Url, bold: true) : "**" + Escape(post.Title) + "**")
                    .Append("  \n   ").Append(Escape(NewsletterText.Byline(post, issue)));
                if (post.Summary.Length > 0)
                {
                    md.Append("  \n   ").Append(Escape(post.Summary));
                }

                md.Append("\n\n");
            }
        }

        md.Append("---\n\n").Append(Escape(NewsletterText.Footer(issue))).Append(' ')
            .Append(Link("View this issue on the web", issue.WebUrl)).Append(".\n");
        return md.ToString();
    }

    private static string Link(string text, string url, bool bold = false)
    {
        // <…> keeps a URL with spaces or parentheses one destination (CommonMark §6.3).
        var destination = url.IndexOfAny([' ', '(', ')', '<', '>']) >= 0 ? "<" + url.Replace("<", "%3C", StringComparison.Ordinal).Replace(">", "%3E", StringComparison.Ordinal) + ">" : url;
        var label = "[" + Escape(text) + "](" + destination + ")";
        return bold ? "**" + label + "**" : label;
    }

    /// <summary>
    /// Backslash-escapes what can start markup inside a line (emphasis, code, links, HTML, GFM
    /// strikethrough and tables), and what can start a block at the beginning of a field (CommonMark §2.4).
    /// </summary>
    internal static string Escape(string text)
    {
        var escaped = new StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            if (c is '\\' or '`' or '*' or '_' or '[' or ']' or '<' or '>' or '~' or '|')
            {
                escaped.Append('\\');
            }

            // Line breaks inside a field would end its paragraph or list item.
            escaped.Append(c is '\n' or '\r' ? ' ' : c);
        }

        if (escaped.Length > 0 && escaped[0] is '#' or '+' or '-' or '=')
        {
            escaped.Insert(0, '\\');
        }
        else if (LeadingNumber().Match(text) is { Success: true } number)
        {
            // "2024. A year in review" would become an ordered list item.
            escaped.Insert(number.Length - 1, '\\');
        }

        return escaped.ToString();
    }

    [GeneratedRegex(@"^\d{1,9}[.)]")]
    private static partial Regex LeadingNumber();
}
