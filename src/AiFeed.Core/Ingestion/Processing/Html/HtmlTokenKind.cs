namespace AiFeed.Ingestion.Processing.Html;

/// <summary>What <see cref="HtmlTokenReader.Read"/> found. Comments, doctypes, CDATA and processing instructions are consumed silently.</summary>
internal enum HtmlTokenKind
{
    EndOfFile,
    Text,
    StartTag,
    EndTag,
}
