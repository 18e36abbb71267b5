namespace AiFeed.Model;

/// <summary>
/// One version of a newsletter issue as it was first generated: the window it covered and every
/// rendering, stored as bytes-to-serve so a repeated request answers the same bytes even after
/// new posts arrive or the renderers change.
/// </summary>
public sealed class FrozenIssue
{
    /// <summary>"yyyy-MM-dd" for the current version, "yyyy-MM-dd/vN" for an earlier one.</summary>
    public string Id { get; set; } = "";

    /// <summary>The issue's calendar date in the newsletter's time zone, "yyyy-MM-dd" (sorts as text).</summary>
    public string Date { get; set; } = "";

    /// <summary>1 for the first generation; each explicit regeneration adds one.</summary>
    public int Version { get; set; } = 1;

    public DateTime ComposedAt { get; set; }

    /// <summary>Posts from this moment (inclusive) …</summary>
    public DateTime WindowStart { get; set; }

    /// <summary>… to this one (exclusive); the next issue starts here.</summary>
    public DateTime WindowEnd { get; set; }

    public string Subject { get; set; } = "";

    public int PostCount { get; set; }

    public string Json { get; set; } = "";

    public string Html { get; set; } = "";

    public string Markdown { get; set; } = "";

    public string Text { get; set; } = "";
}
