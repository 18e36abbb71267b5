using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;

namespace AiFeed.Publishing.Newsletter;

/// <summary>
/// The e-mail body: nested presentation tables (what Outlook and Gmail lay out reliably), every
/// style inline with explicit foreground and background colours (clients that force a dark theme
/// then have nothing half-set to invert), a color-scheme meta plus one optional dark-mode media
/// block for clients that honour it, plain absolute links and nothing fetched from anywhere.
/// </summary>
public static class NewsletterHtmlRenderer
{
    private const string Page = "#f4f5f7";
    private const string Card = "#ffffff";
    private const string Ink = "#1b1f24";
    private const string Muted = "#5b6470";
    private const string Link = "#1f5fbf";
    private const string Line = "#dde1e6";
    private const string Font = "font-family:-apple-system,'Segoe UI',Roboto,Helvetica,Arial,sans-serif;";

    private const string DarkStyles =
        "@media (prefers-color-scheme: dark){" +
        ".nl-page{background-color:#111418 !important}.nl-card{background-color:#1b1f24 !important;border-color:#30363d !important}" +
        ".nl-rule{border-color:#30363d !important}.nl-ink{color:#e6e8eb !important}.nl-muted{color:#a9b0b8 !important}.nl-link{color:#8ab4ff !important}}";

    private const string GhostOpen = "<!--[if mso]><table role=\"presentation\" width=\"600\" align=\"center\" cellpadding=\"0\" cellspacing=\"0\" border=\"0\"><tr><td width=\"600\"><![endif]-->\n";
    private const string GhostClose = "<!--[if mso]></td></tr></table><![endif]-->\n";

    public static string Render(NewsletterIssue issue)
    {
        ArgumentNullException.ThrowIfNull(issue);
        var html = new StringBuilder(16 * 1024);
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<meta name=\"color-scheme\" content=\"light dark\">\n<meta name=\"supported-color-schemes\" content=\"light dark\">\n")
            .Append("<meta name=\"x-apple-disable-message-reformatting\">\n")
            .Append("<title>").Append(E(issue.Subject)).Append("</title>\n<style>").Append(DarkStyles).Append("</style>\n</head>\n")
            .Append(CultureInfo.InvariantCulture, $"<body class=\"nl-page\" style=\"margin:0;padding:0;background-color:{Page};color:{Ink};\">\n")
            // The preheader: the line mail clients show after the subject, hidden in the body itself.
            .Append("<div style=\"display:none;max-height:0;overflow:hidden;mso-hide:all;font-size:1px;line-height:1px;color:")
            .Append(Page).Append(";\">").Append(E(issue.Preheader)).Append("</div>\n")
            .Append(CultureInfo.InvariantCulture, $"<table role=\"presentation\" class=\"nl-page\" width=\"100%\" cellpadding=\"0\" cellspacing=\"0\" border=\"0\" bgcolor=\"{Page}\" style=\"background-color:{Page};\">\n")
            .Append("<tr><td align=\"center\" style=\"padding:24px 12px;\">\n")
            // Outlook for Windows (Word's engine) ignores max-width and would stretch the column
            // across the window: a fixed 600-pixel "ghost" table only it sees holds the width.
            .Append(GhostOpen);
        Content(html, issue);
        html.Append(GhostClose).Append("</td></tr>\n</table>\n</body>\n</html>\n");
        return html.ToString();
    }

    /// <summary>The issue without the page around it (the 600-pixel column), for a feed reader.</summary>
    public static string Content(NewsletterIssue issue)
    {
        ArgumentNullException.ThrowIfNull(issue);
        var html = new StringBuilder(16 * 1024);
        Content(html, issue);
        return html.ToString();
    }

    private static void Content(StringBuilder html, NewsletterIssue issue)
    {
        html.Append("<table role=\"presentation\" width=\"600\" cellpadding=\"0\" cellspacing=\"0\" border=\"0\" style=\"width:100%;max-width:600px;\">\n");

        Row(html, $"<p class=\"nl-muted\" style=\"margin:0 0 4px;{Font}font-size:13px;color:{Muted};\">{E(NewsletterText.LongDate(issue.Date))}</p>" +
            $"<h1 class=\"nl-ink\" style=\"margin:0 0 16px;{Font}font-size:26px;line-height:1.25;color:{Ink};\">{E(NewsletterText.Brand)}</h1>", card: false);

        if (issue.Lesson is { } lesson)
        {
            Row(html, Eyebrow("Today's lesson · " + lesson.Chapter) + Heading(lesson.Title) + Paragraph(lesson.Introduction) + Button("Read the full lesson", lesson.Url));
        }

        if (issue.Problem is { } problem)
        {
            Row(html, Eyebrow("Today's problem") + Heading(problem.Title) +
                $"<p style=\"margin:0 0 12px;{Font}font-size:13px;\"><span style=\"display:inline-block;padding:2px 10px;border-radius:10px;background-color:{Badge(problem.Difficulty)};color:#ffffff;\">{E(problem.Difficulty)}</span></p>" +
                Paragraph(problem.Task) + Button("Try it", problem.Url));
        }

        Spotlight(html, issue);
        Row(html, $"<p class=\"nl-muted\" style=\"margin:0;{Font}font-size:12px;line-height:1.5;color:{Muted};\">{E(NewsletterText.Footer(issue))} " +
            $"{A("View this issue on the web", issue.WebUrl)} · {A("All issues", new Uri(new Uri(issue.Spotlight.SiteUrl), "newsletter").AbsoluteUri)}{Delivery.NewsletterMail.UnsubscribeMarker}</p>", card: false);
        html.Append("</table>\n");
    }

    private static void Spotlight(StringBuilder html, NewsletterIssue issue)
    {
        var spotlight = issue.Spotlight;
        var body = new StringBuilder()
            .Append(Eyebrow("Spotlight")).Append(Heading(spotlight.Name)).Append(Paragraph(spotlight.Description));
        if (spotlight.Note is { } note)
        {
            body.Append(CultureInfo.InvariantCulture, $"<p class=\"nl-ink\" style=\"margin:0 0 16px;padding:10px 12px;border-left:4px solid #8c959f;{Font}font-size:15px;line-height:1.5;color:{Ink};\">{E(note)}</p>");
        }

        if (spotlight.TopSources.Count > 0)
        {
            body.Append(SubHeading("Most active sources this week")).Append(CultureInfo.InvariantCulture, $"<ul style=\"margin:0 0 16px;padding-left:20px;{Font}font-size:15px;line-height:1.6;\">");
            foreach (var tally in spotlight.TopSources)
            {
                var name = NewsletterText.IsWeb(tally.Site) ? A(tally.Name, tally.Site!) : E(tally.Name);
                body.Append(CultureInfo.InvariantCulture, $"<li class=\"nl-ink\" style=\"color:{Ink};\">{name}: {tally.Posts} {(tally.Posts == 1 ? "post" : "posts")}</li>");
            }

            body.Append("</ul>");
        }

        foreach (var (heading, posts) in issue.PostLists())
        {
            body.Append(SubHeading(heading))
                .Append("<table role=\"presentation\" width=\"100%\" cellpadding=\"0\" cellspacing=\"0\" border=\"0\">");
            foreach (var post in posts)
            {
                var title = NewsletterText.IsWeb(post.Url) ? A(post.Title, post.Url, bold: true) : $"<strong>{E(post.Title)}</strong>";
                body.Append(CultureInfo.InvariantCulture, $"<tr><td class=\"nl-rule\" style=\"padding:12px 0;border-top:1px solid {Line};{Font}\">")
                    .Append(CultureInfo.InvariantCulture, $"<p style=\"margin:0 0 4px;font-size:16px;line-height:1.4;\">{title}</p>")
                    .Append(CultureInfo.InvariantCulture, $"<p class=\"nl-muted\" style=\"margin:0 0 6px;font-size:13px;color:{Muted};\">{E(NewsletterText.Byline(post, issue))}</p>");
                if (post.Summary.Length > 0)
                {
                    body.Append(CultureInfo.InvariantCulture, $"<p class=\"nl-ink\" style=\"margin:0;font-size:15px;line-height:1.5;color:{Ink};\">{E(post.Summary)}</p>");
                }

                body.Append("</td></tr>");
            }

            body.Append("</table>");
        }

        body.Append(Button("Read the whole feed", spotlight.SiteUrl));
        Row(html, body.ToString());
    }

    private static void Row(StringBuilder html, string content, bool card = true) =>
        html.Append(card
            ? $"<tr><td style=\"padding:0 0 16px;\"><table role=\"presentation\" class=\"nl-card\" width=\"100%\" cellpadding=\"0\" cellspacing=\"0\" border=\"0\" bgcolor=\"{Card}\" style=\"background-color:{Card};border:1px solid {Line};border-radius:8px;\"><tr><td class=\"nl-ink\" style=\"padding:20px 24px;color:{Ink};\">{content}</td></tr></table></td></tr>\n"
            : $"<tr><td style=\"padding:0 4px 16px;\">{content}</td></tr>\n");

    private static string Eyebrow(string text) =>
        $"<p class=\"nl-muted\" style=\"margin:0 0 4px;{Font}font-size:12px;letter-spacing:.06em;text-transform:uppercase;color:{Muted};\">{E(text)}</p>";

    private static string Heading(string text) =>
        $"<h2 class=\"nl-ink\" style=\"margin:0 0 12px;{Font}font-size:21px;line-height:1.3;color:{Ink};\">{E(text)}</h2>";

    private static string SubHeading(string text) =>
        $"<h3 class=\"nl-ink\" style=\"margin:8px 0 8px;{Font}font-size:16px;color:{Ink};\">{E(text)}</h3>";

    private static string Paragraph(string text) =>
        $"<p class=\"nl-ink\" style=\"margin:0 0 16px;{Font}font-size:15px;line-height:1.6;color:{Ink};\">{E(text)}</p>";

    private static string Button(string text, string url) =>
        $"<p style=\"margin:8px 0 0;{Font}font-size:15px;\">{A(text + " →", url, bold: true)}</p>";

    private static string A(string text, string url, bool bold = false) =>
        $"<a class=\"nl-link\" href=\"{E(url)}\" style=\"color:{Link};{(bold ? "font-weight:600;" : "")}text-decoration:underline;\">{E(text)}</a>";

    private static string Badge(string difficulty) => difficulty switch
    {
        "Easy" => "#1a7f37",
        "Medium" => "#9a5b00",
        _ => "#b42318",
    };

    private static string E(string text) => HtmlEncoder.Default.Encode(text);
}
