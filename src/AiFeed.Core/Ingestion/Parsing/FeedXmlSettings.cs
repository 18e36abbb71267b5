using System.Xml;

namespace AiFeed.Ingestion.Parsing;

/// <summary>Safe reader settings (docs/library-notes.md 1.4): no DTD processing, no resolver, capped entity expansion.</summary>
internal static class FeedXmlSettings
{
    public static XmlReaderSettings Create(bool checkCharacters = true) => new()
    {
        // Prohibit (the default) would reject every feed that carries a DOCTYPE; Ignore skips it without expanding.
        DtdProcessing = DtdProcessing.Ignore,
        XmlResolver = null,
        MaxCharactersFromEntities = 1024,
        MaxCharactersInDocument = 40_000_000,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        IgnoreWhitespace = false,
        CheckCharacters = checkCharacters,
        CloseInput = true,
    };
}
