using System.Globalization;
using System.Text.Encodings.Web;
using AiFeed.Model;
using MimeKit;

namespace AiFeed.Publishing.Newsletter.Delivery;

/// <summary>
/// The messages the newsletter sends: the confirmation of a sign-up, and an issue to one subscriber
/// (the frozen HTML and text parts with that subscriber's unsubscribe link, and the RFC 8058
/// one-click unsubscribe headers).
/// </summary>
public static class NewsletterMail
{
    /// <summary>Where the renderer leaves room for the recipient's unsubscribe line (a comment, invisible on the web).</summary>
    public const string UnsubscribeMarker = "<!--aifeed:unsubscribe-->";

    public static MimeMessage Confirmation(MailboxAddress from, Subscriber subscriber, Uri confirmUrl, TimeSpan validFor)
    {
        ArgumentNullException.ThrowIfNull(subscriber);
        ArgumentNullException.ThrowIfNull(confirmUrl);
        var days = ((int)Math.Round(validFor.TotalDays)).ToString(CultureInfo.InvariantCulture);
        var text =
            $"Someone (we hope you) asked to receive {NewsletterText.Brand} at {subscriber.Email}.\n\n" +
            $"To confirm, open this link and press the button on the page:\n{confirmUrl.AbsoluteUri}\n\n" +
            $"If you did not ask, ignore this mail: nothing will be sent, and the address is deleted after {days} days.\n";
        var html =
            "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Confirm your subscription</title></head>" +
            "<body style=\"margin:0;padding:24px;background-color:#ffffff;color:#1b1f24;font-family:Arial,sans-serif;font-size:15px;line-height:1.5;\">" +
            $"<p style=\"margin:0 0 16px;\">Someone (we hope you) asked to receive {E(NewsletterText.Brand)} at {E(subscriber.Email)}.</p>" +
            $"<p style=\"margin:0 0 16px;\"><a href=\"{E(confirmUrl.AbsoluteUri)}\" style=\"color:#1f5fbf;font-weight:600;\">Confirm your subscription</a></p>" +
            $"<p style=\"margin:0;color:#5b6470;\">If you did not ask, ignore this mail: nothing will be sent, and the address is deleted after {days} days.</p>" +
            "</body></html>\n";
        return Message(from, subscriber, $"Confirm your subscription to {NewsletterText.Brand}", html, text);
    }

    public static MimeMessage Issue(MailboxAddress from, FrozenIssue issue, Subscriber subscriber, Uri unsubscribeUrl, Uri site)
    {
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(issue);
        ArgumentNullException.ThrowIfNull(subscriber);
        ArgumentNullException.ThrowIfNull(unsubscribeUrl);
        ArgumentNullException.ThrowIfNull(site);
        var why = $"You receive {NewsletterText.Brand} because {subscriber.Email} subscribed to it.";
        var line = $"<br>{E(why)} <a class=\"nl-link\" href=\"{E(unsubscribeUrl.AbsoluteUri)}\" style=\"color:#1f5fbf;text-decoration:underline;\">Unsubscribe</a>";
        var html = issue.Html.Contains(UnsubscribeMarker, StringComparison.Ordinal)
            ? issue.Html.Replace(UnsubscribeMarker, line, StringComparison.Ordinal)
            : issue.Html.Replace("</body>", $"<p>{line}</p></body>", StringComparison.Ordinal);
        var text = issue.Text + $"\n{why}\nUnsubscribe: {unsubscribeUrl.AbsoluteUri}\n";
        var message = Message(from, subscriber, issue.Subject, html, text);

        // Same id for the same issue and subscriber: should a copy ever go out twice, clients show one.
        message.MessageId = $"{issue.Date}.v{issue.Version.ToString(CultureInfo.InvariantCulture)}.{subscriber.Id}@{site.Host}";
        message.Headers.Add("List-Id", $"{NewsletterText.Brand} <daily.{site.Host}>");
        message.Headers.Add("List-Unsubscribe", $"<{unsubscribeUrl.AbsoluteUri}>");
        message.Headers.Add("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        message.Headers.Add("List-Archive", $"<{new Uri(site, "newsletter").AbsoluteUri}>");
        return message;
    }

    private static MimeMessage Message(MailboxAddress from, Subscriber subscriber, string subject, string html, string text)
    {
        var message = new MimeMessage();
        message.From.Add(from);
        message.To.Add(MailboxAddress.Parse(subscriber.Email));
        message.Subject = subject;
        message.Body = new BodyBuilder { HtmlBody = html, TextBody = text }.ToMessageBody();
        return message;
    }

    private static string E(string text) => HtmlEncoder.Default.Encode(text);
}
