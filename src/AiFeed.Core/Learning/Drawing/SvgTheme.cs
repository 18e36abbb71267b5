namespace AiFeed.Learning;

/// <summary>
/// The colours of a picture. Auto follows the viewer's system theme (prefers-color-scheme inside the
/// SVG); the pages ask for Light or Dark when the reader picked one with the theme toggle, which an
/// image cannot see.
/// </summary>
public enum SvgTheme
{
    Auto,
    Light,
    Dark,
}

public static class SvgThemes
{
    /// <summary>Reads ?theme=: absent, "auto", "light" or "dark"; null for anything else.</summary>
    public static SvgTheme? Parse(string? value) => value switch
    {
        null or "" or "auto" => SvgTheme.Auto,
        "light" => SvgTheme.Light,
        "dark" => SvgTheme.Dark,
        _ => null,
    };

    // Background, text, grid, frame, then the series palette; the dark palette is lighter so lines keep their contrast.
    internal const string LightRules =
        ".bg{fill:#ffffff}.ink{fill:#222222}.grid{stroke:#e4e4e4}.plot-area{stroke:#888888}" +
        ".s0{stroke:#1f77b4}rect.s0{fill:#1f77b4}.s1{stroke:#d62728}rect.s1{fill:#d62728}.s2{stroke:#2ca02c}rect.s2{fill:#2ca02c}" +
        ".s3{stroke:#9467bd}rect.s3{fill:#9467bd}.s4{stroke:#ff7f0e}rect.s4{fill:#ff7f0e}.s5{stroke:#17becf}rect.s5{fill:#17becf}";

    internal const string DarkRules =
        ".bg{fill:#121417}.ink{fill:#e9eaec}.grid{stroke:#2f343b}.plot-area{stroke:#8a919a}" +
        ".s0{stroke:#6cb4f0}rect.s0{fill:#6cb4f0}.s1{stroke:#ff7b72}rect.s1{fill:#ff7b72}.s2{stroke:#56d364}rect.s2{fill:#56d364}" +
        ".s3{stroke:#c8a2ff}rect.s3{fill:#c8a2ff}.s4{stroke:#ffa657}rect.s4{fill:#ffa657}.s5{stroke:#5fd7e6}rect.s5{fill:#5fd7e6}";

    internal static string Css(SvgTheme theme) => theme switch
    {
        SvgTheme.Light => LightRules,
        SvgTheme.Dark => DarkRules,
        _ => LightRules + "@media (prefers-color-scheme:dark){" + DarkRules + "}",
    };
}
