using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace AiFeed.Tests.Ingestion.Processing;

/// <summary>
/// Safety properties of sanitised HTML, checked on the parsed DOM rather than on raw substrings, so a
/// harmless "&lt;script" in text passes and a real element or attribute cannot hide behind odd spelling.
/// </summary>
internal static class HtmlSafety
{
    private static readonly string[] ForbiddenElements =
    [
        "script", "style", "iframe", "frame", "frameset", "object", "embed", "applet", "form", "input",
        "button", "select", "textarea", "meta", "link", "base", "svg", "math", "noscript", "template",
    ];

    private static readonly string[] DangerousSchemes = ["javascript:", "vbscript:", "data:", "livescript:"];

    /// <summary>Every violation found in <paramref name="html"/>; empty when it is safe.</summary>
    public static List<string> Violations(string html)
    {
        var violations = new List<string>();
        var parser = new HtmlParser();
        using var document = parser.ParseDocument(html);
        foreach (var element in document.Body!.QuerySelectorAll("*"))
        {
            if (ForbiddenElements.Contains(element.LocalName, StringComparer.OrdinalIgnoreCase))
            {
                violations.Add($"<{element.LocalName}> element");
            }

            foreach (var attribute in element.Attributes)
            {
                CheckAttribute(element, attribute, violations);
            }
        }

        // Anything the parser put in <head> came from the fragment, which should hold body content only.
        if (document.Head!.ChildElementCount > 0)
        {
            violations.Add($"head content: {document.Head.InnerHtml}");
        }

        return violations;
    }

    private static void CheckAttribute(IElement element, IAttr attribute, List<string> violations)
    {
        var name = attribute.Name;
        var value = attribute.Value;
        if (name.StartsWith("on", StringComparison.OrdinalIgnoreCase))
        {
            violations.Add($"event handler {name} on <{element.LocalName}>");
        }

        if (name is "style" or "class" or "id" or "name" or "formaction" or "action")
        {
            violations.Add($"attribute {name} on <{element.LocalName}>");
        }

        // Browsers ignore whitespace and control characters inside a scheme ("java\tscript:").
        var compact = new string([.. value.Where(c => !char.IsWhiteSpace(c) && !char.IsControl(c))]);
        foreach (var scheme in DangerousSchemes)
        {
            if (compact.Contains(scheme, StringComparison.OrdinalIgnoreCase))
            {
                violations.Add($"{scheme} in {name} on <{element.LocalName}>");
            }
        }

        if (compact.Contains("expression(", StringComparison.OrdinalIgnoreCase))
        {
            violations.Add($"expression( in {name} on <{element.LocalName}>");
        }
    }
}
